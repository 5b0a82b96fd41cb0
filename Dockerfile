# kube-support-bot: one process serving Slack, Teams, health, metrics (and the playground when nothing
# else is configured) on PORT. The TypeScript runs directly on Node 24 (type stripping): no build step.
#
#   docker build -t kube-support-bot .
#   docker run --rm -p 3000:3000 -e PLAYGROUND_ORIGIN=http://localhost:3000 kube-support-bot  # playground
#   docker run --rm -p 3000:3000 --env-file .env kube-support-bot         # Slack / Teams from .env
#   docker run … -v "$PWD/my-knowledge:/app/knowledge:ro" kube-support-bot  # your own knowledge folder
#   docker run … -v ksb-data:/data kube-support-bot                        # keep the record across containers

ARG NODE_IMAGE=node:24-bookworm-slim

# --- production dependencies only -------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# Exactly the lock file's versions; it lists every platform's optional binaries, so this works on any
# build platform. No install scripts: the production dependencies need none.
RUN npm ci --omit=dev --no-audit --no-fund --ignore-scripts \
  && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------------
FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    KNOWLEDGE_DIR=/app/knowledge \
    STATE_DIR=/data
WORKDIR /app
COPY --from=deps --chown=root:root /app/node_modules ./node_modules
COPY --chown=root:root package.json manifest.yml ./
COPY --chown=root:root src ./src
COPY --chown=root:root adapters ./adapters
# The corpus and runbooks are baked in; mount a volume on /app/knowledge (or set KNOWLEDGE_DIR) to
# replace them. Files are reloaded on change, so a ConfigMap update needs no restart.
COPY --chown=root:root knowledge ./knowledge

# The record (SQLite: kube-support-bot.db with its -wal and -shm) when REDIS_URL is unset: the one
# directory the unprivileged user may write. Mount a volume here to keep it beyond the container.
RUN mkdir /data && chown node:node /data
VOLUME ["/data"]

# The image's own unprivileged user; the code and knowledge stay read-only to it.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains messages in flight (SHUTDOWN_TIMEOUT_MS) and closes the store before exiting.
STOPSIGNAL SIGTERM
CMD ["node", "--disable-warning=ExperimentalWarning", "adapters/main.ts"]
