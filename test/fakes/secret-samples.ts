/**
 * Secrets as people paste them into a support channel: one line each, shaped like the error output they
 * come with, so the bot takes every one as a problem worth recording. `secret` is the part that must never
 * be stored, logged or posted. The values are made up; each has the length and alphabet of the real kind.
 */
export interface SecretSample {
  readonly family: string;
  readonly kind: string;
  readonly paste: string;
  readonly secret: string;
}

const awsSecret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzq8Xh3kLmT';
const awsSession = 'FwoGZXIvYXdzEJr//////////wEaDN3Wq1xyZabcdefghijklmnopqrstu0123456789ABCDEFGHIJ';
const clientKeyData = 'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFBS0NBUUVBMHZ4';
const dockerConfigB64 = 'eyJhdXRocyI6eyJ1cy5pY3IuaW8iOnsiYXV0aCI6ImFXRnRZWEJwYTJWNU9tTnlaV1J6In19fQ==';
const jwt =
  'eyJhbGciOiJSUzI1NiIsImtpZCI6IjNfR2RrIn0.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50Iiwic3ViIjoic3lzdGVtOnNhIn0.Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5';

export const secretSamples: readonly SecretSample[] = [
  // AWS
  {
    family: 'AWS',
    kind: 'access key id',
    paste: 'Error: InvalidClientTokenId: AKIA2E0A8F3B244C9986 is not valid, status code: 403',
    secret: 'AKIA2E0A8F3B244C9986',
  },
  {
    family: 'AWS',
    kind: 'secret access key in a credentials file',
    paste: `error: unable to sign request: aws_secret_access_key = ${awsSecret}`,
    secret: awsSecret,
  },
  {
    family: 'AWS',
    kind: 'secret access key in env',
    paste: `pod failed: env AWS_SECRET_ACCESS_KEY=${awsSecret} rejected by STS`,
    secret: awsSecret,
  },
  {
    family: 'AWS',
    kind: 'session token in JSON',
    paste: `error assuming role: {"AccessKeyId": "ASIAEXAMPLE", "SessionToken": "${awsSession}"}`,
    secret: awsSession,
  },
  // Kubernetes
  {
    family: 'Kubernetes',
    kind: 'kubeconfig client-key-data',
    paste: `error: tls: failed to parse private key, client-key-data: ${clientKeyData}`,
    secret: clientKeyData,
  },
  {
    family: 'Kubernetes',
    kind: 'base64 .dockerconfigjson',
    paste: `Failed to pull image: secret regcred has .dockerconfigjson: ${dockerConfigB64}`,
    secret: dockerConfigB64,
  },
  {
    family: 'Kubernetes',
    kind: 'docker config auth field',
    paste: 'error: unauthorized with {"auths":{"us.icr.io":{"auth":"aWFtYXBpa2V5OnNlY3JldEtleTk5"}}}',
    secret: 'aWFtYXBpa2V5OnNlY3JldEtleTk5',
  },
  {
    family: 'Kubernetes',
    kind: 'service account JWT',
    paste: `error: You must be logged in to the server (Unauthorized) with token ${jwt}`,
    secret: jwt.split('.')[1] as string,
  },
  {
    family: 'Kubernetes',
    kind: 'OpenShift token',
    paste: 'error: oc login failed for sha256~Xy9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG',
    secret: 'sha256~Xy9AbCdEfGhIjKlMnOpQrStUvWxYz0123456789AbCdEfG',
  },
  {
    family: 'Kubernetes',
    kind: 'kubectl create secret literal',
    paste: 'error: failed to create secret: kubectl create secret generic db --from-literal=password=Tr0ub4dor3x',
    secret: 'Tr0ub4dor3x',
  },
  // Helm and env
  {
    family: 'Helm',
    kind: '--set …Password=',
    paste: 'Error: INSTALLATION FAILED: helm install db bitnami/postgresql --set auth.rootPassword=Sup3rS3cretPw',
    secret: 'Sup3rS3cretPw',
  },
  {
    family: 'password pairs',
    kind: 'DB_PASSWORD=',
    paste: 'CrashLoopBackOff: app exited with DB_PASSWORD=hunter2hunter2 not accepted',
    secret: 'hunter2hunter2',
  },
  {
    family: 'password pairs',
    kind: 'YAML password:',
    paste: 'error validating data: password: correcthorsebattery is not a valid value',
    secret: 'correcthorsebattery',
  },
  {
    family: 'password pairs',
    kind: 'JSON password field',
    paste: 'failed to log in: {"username":"app","password":"pa55 w0rd!"}',
    secret: 'pa55 w0rd!',
  },
  {
    family: 'password pairs',
    kind: 'quoted shell assignment',
    paste: "error: export PGPASSWORD='Qu0ted Pass' failed",
    secret: 'Qu0ted Pass',
  },
  {
    family: 'password pairs',
    kind: '--password flag with a space',
    paste: 'Error: login failed: skopeo copy --dest-password S3cretValue99 docker://x',
    secret: 'S3cretValue99',
  },
  {
    family: 'password pairs',
    kind: 'docker login -p',
    paste: 'Error response from daemon: docker login -u iamapikey -p Qm9ndXNBcGlLZXk5OQ us.icr.io unauthorized',
    secret: 'Qm9ndXNBcGlLZXk5OQ',
  },
  {
    family: 'password pairs',
    kind: 'mysql -p',
    paste: 'ERROR 1045 (28000): Access denied: mysql -uroot -pMyR00tPass -h db',
    secret: 'MyR00tPass',
  },
  // Connection strings
  {
    family: 'connection strings',
    kind: 'URL password (redis)',
    paste: 'Error: connect ECONNREFUSED redis://admin:Zx9pQ2rT7wLm@redis.shop:6379/0',
    secret: 'Zx9pQ2rT7wLm',
  },
  {
    family: 'connection strings',
    kind: 'URL password (postgres)',
    paste: 'FATAL: could not connect to postgres://app:s3cr3tpw@db.shop:5432/app',
    secret: 's3cr3tpw',
  },
  {
    family: 'connection strings',
    kind: 'URL password without a user',
    paste: 'Error: NOAUTH Authentication required for redis://:n0UserPass@cache:6379',
    secret: 'n0UserPass',
  },
  {
    family: 'connection strings',
    kind: 'ADO.NET Password=',
    paste: 'Login failed: Server=tcp:shop.database.windows.net,1433;User ID=app;Password=Adm1n!Pass;Encrypt=True',
    secret: 'Adm1n!Pass',
  },
  {
    family: 'connection strings',
    kind: 'JDBC password query',
    paste: 'Exception: jdbc:mysql://db:3306/shop?user=app&password=JdbcPa55 refused',
    secret: 'JdbcPa55',
  },
  {
    family: 'connection strings',
    kind: 'token as the URL user',
    paste: 'fatal: could not read from https://0123456789abcdef0123456789abcdef01234567@git.example.com/repo.git',
    secret: '0123456789abcdef0123456789abcdef01234567',
  },
  // GitHub
  {
    family: 'GitHub',
    kind: 'classic token ghp_',
    paste: 'remote: error: Bad credentials for ghp_16C7e42F292c6912E7710c838347Ae178B4a',
    secret: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a',
  },
  {
    family: 'GitHub',
    kind: 'fine-grained token',
    paste:
      'error: 401 Bad credentials github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456',
    secret: 'github_pat_11ABCDEFG0123456789abc_defghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456',
  },
  {
    family: 'GitHub',
    kind: 'app installation token in a URL',
    paste:
      'fatal: Authentication failed for https://x-access-token:ghs_abcdefghijklmnopqrstuvwxyz0123456789@github.com/o/r',
    secret: 'ghs_abcdefghijklmnopqrstuvwxyz0123456789',
  },
  // GitLab
  {
    family: 'GitLab',
    kind: 'personal access token',
    paste: 'Error: 401 Unauthorized with PRIVATE-TOKEN glpat-xY3zAbC9dEfGhIjK1mNo',
    secret: 'glpat-xY3zAbC9dEfGhIjK1mNo',
  },
  {
    family: 'GitLab',
    kind: 'runner token',
    paste: 'ERROR: Verifying runner... is removed runner=glrt-t3_AbCdEfGhIjKlMnOpQrSt',
    secret: 'glrt-t3_AbCdEfGhIjKlMnOpQrSt',
  },
  // Slack
  {
    family: 'Slack',
    kind: 'bot token',
    paste: 'Error: An API error occurred: invalid_auth for xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
    secret: 'xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx',
  },
  {
    family: 'Slack',
    kind: 'app token',
    paste: 'Error: failed to connect with xapp-1-A0123BCDEF-1234567890123-abcdef0123456789abcdef',
    secret: 'xapp-1-A0123BCDEF-1234567890123-abcdef0123456789abcdef',
  },
  {
    family: 'Slack',
    kind: 'incoming webhook',
    paste: 'error: 404 no_service from https://hooks.slack.com/services/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',
    secret: 'a1B2c3D4e5F6g7H8i9J0k1L2',
  },
  // Google Cloud
  {
    family: 'GCP',
    kind: 'API key',
    paste: 'Error 403: API key not valid: AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW',
    secret: 'AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW',
  },
  {
    family: 'GCP',
    kind: 'OAuth access token',
    paste: 'error: googleapi: Error 401: Invalid Credentials, ya29.a0AfH6SMBxYz0123456789abcdefGHIJ',
    secret: 'ya29.a0AfH6SMBxYz0123456789abcdefGHIJ',
  },
  {
    family: 'GCP',
    kind: 'service account private key',
    paste:
      'failed to parse credentials: {"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\\n-----END PRIVATE KEY-----\\n"}',
    secret: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC',
  },
  // Azure
  {
    family: 'Azure',
    kind: 'storage AccountKey',
    paste:
      'Error: AuthenticationFailed: DefaultEndpointsProtocol=https;AccountName=shop;AccountKey=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==;EndpointSuffix=core.windows.net',
    secret: 'Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA==',
  },
  {
    family: 'Azure',
    kind: 'SAS signature',
    paste:
      'Error: 403 AuthorizationFailure https://shop.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=AbCdEfGh1234%2BIjKl%3D',
    secret: 'AbCdEfGh1234%2BIjKl%3D',
  },
  {
    family: 'Azure',
    kind: 'Service Bus SharedAccessKey',
    paste:
      'Unauthorized: Endpoint=sb://shop.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=c2hhcmVkQWNjZXNzS2V5OTk5',
    secret: 'c2hhcmVkQWNjZXNzS2V5OTk5',
  },
  {
    family: 'Azure',
    kind: 'Entra ID client secret',
    paste: 'AADSTS7000215: Invalid client secret provided: Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789',
    secret: 'Abc8Q~dEfGhIjKlMnOpQrStUvWxYz0123456789',
  },
  // Headers and keys
  {
    family: 'HTTP',
    kind: 'bearer token',
    paste: 'curl failed: 401 Unauthorized -H "Authorization: Bearer tok3n.Abc-123_xyz"',
    secret: 'tok3n.Abc-123_xyz',
  },
  {
    family: 'HTTP',
    kind: 'basic credentials',
    paste: 'Error: 401 Unauthorized sending Authorization: Basic dXNlcjpodW50ZXIy',
    secret: 'dXNlcjpodW50ZXIy',
  },
  {
    family: 'HTTP',
    kind: 'API key header',
    paste: 'Error: 403 Forbidden, X-Api-Key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0',
    secret: '9f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
  {
    family: 'private keys',
    kind: 'PEM private key',
    paste:
      'x509: failed to parse private key: -----BEGIN EC PRIVATE KEY----- MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oRkbIMP -----END EC PRIVATE KEY-----',
    secret: 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oRkbIMP',
  },
  {
    family: 'private keys',
    kind: 'OpenSSH private key, cut short',
    paste: 'error: Load key failed: -----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAABG5vbmU',
    secret: 'b3BlbnNzaC1rZXktdjEAAAAABG5vbmU',
  },
  // Other registries and vaults
  {
    family: 'registries',
    kind: 'npm token',
    paste: 'npm ERR! code E401 Unable to authenticate with npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
    secret: 'npm_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789',
  },
  {
    family: 'registries',
    kind: 'Docker Hub access token',
    paste: 'Error: unauthorized: incorrect username or password dckr_pat_AbCdEfGhIjKlMnOpQrStUvWx',
    secret: 'dckr_pat_AbCdEfGhIjKlMnOpQrStUvWx',
  },
  {
    family: 'vaults',
    kind: 'Vault token',
    paste: 'Error: permission denied for hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWxYz012345',
    secret: 'hvs.CAESIAbCdEfGhIjKlMnOpQrStUvWxYz012345',
  },
];

/** Error lines that name secrets, tokens and keys without carrying one: they must come out unchanged. */
export const secretLookalikes: readonly string[] = [
  'unauthorized: authentication required',
  'failed to fetch oauth token: unexpected status: 401 Unauthorized',
  'Error: secret "db-password" not found',
  "couldn't find key password in Secret default/db",
  'Warning  FailedToRetrieveImagePullSecret  kubelet  Unable to retrieve some image pull secrets (regcred); attempting to pull the image may not succeed.',
  'Error: failed to create secret: secrets "regcred" already exists',
  'no basic auth credentials',
  'HTTP Basic authentication failed for user admin',
  'www-authenticate: Bearer realm="https://auth.docker.io/token",service="registry.docker.io"',
  'Error from server (Forbidden): secrets is forbidden: User "dev" cannot list resource "secrets"',
  'token: expired',
  'docker run -p 8080:80 nginx fails with port is already allocated',
  'kubectl logs -p web-7c9f-abcde -c app shows exit code 137',
  'Get "https://registry-1.docker.io/v2/": net/http: request canceled (Client.Timeout exceeded)',
  'MountVolume.SetUp failed for volume "secret-vol" : secret "tls-cert" not found',
  'type kubernetes.io/dockerconfigjson',
  'PWD=/app',
  'failed to pull image "us.icr.io/team/api@sha256:3f1d2e4c5b6a79880716253a4b5c6d7e8f9012345678901234567890abcdef12"',
];
