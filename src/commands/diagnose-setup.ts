/**
 * What to set so that /diagnose works, said where it is missing: when no cluster can be read, and after a
 * refusal by the bot's own allowlists. In the web playground the person typing is the bot's only admin, so
 * they get the exact variables for themselves rather than "ask your administrator".
 */
import type { LocalizedText } from '../errors.ts';
import type { Language } from '../i18n/messages.ts';
import type { ChatOrigin } from '../message.ts';

/** The playground's own user is its admin: it may change the settings and restart. */
function isLocalAdmin(who: ChatOrigin): boolean {
  return who.platform === 'web';
}

/** The variables that let this person diagnose from where they are: their channel, any namespace, themselves. */
function allowExample(who: ChatOrigin): string {
  const user = JSON.stringify({ [`${who.platform}:${who.userId}`]: '<your Kubernetes user>' });
  return `DIAGNOSE_CHANNELS=${who.conversationId} DIAGNOSE_NAMESPACES='*' DIAGNOSE_USERS='${user}'`;
}

/** Added to a refusal of the bot's allowlists in the playground: how its admin opens them. */
export function playgroundAllowHint(who: ChatOrigin, language: Language): string | undefined {
  if (!isLocalAdmin(who)) return undefined;
  const example = `\`${allowExample(who)} npm start\``;
  return language === 'ko'
    ? `플레이그라운드에서는 당신이 관리자입니다. 다음 설정으로 봇을 다시 시작하세요: ${example}`
    : `In the playground you are the admin: restart the bot with ${example}.`;
}

/** Why /diagnose is off here (no cluster can be read) and what to set, for this person. */
export function diagnoseOffText(reason: LocalizedText, who: ChatOrigin, language: Language): string {
  if (isLocalAdmin(who)) {
    const example = `\`KUBECONFIG=<your kubeconfig> ${allowExample(who)} npm start\``;
    return language === 'ko'
      ? `\`diagnose\`가 꺼져 있습니다: ${reason.ko} 플레이그라운드에서는 당신이 관리자입니다. 현재 컨텍스트의 팟을 진단하려면 다음과 같이 다시 시작하세요: ${example}`
      : `\`diagnose\` is off: ${reason.en} In the playground you are the admin; to diagnose pods of your current context, restart with ${example}.`;
  }
  return language === 'ko'
    ? `\`diagnose\`가 이 배포에서 꺼져 있습니다: ${reason.ko} 봇 관리자에게 KUBECONFIG(또는 팟의 ServiceAccount)와 DIAGNOSE_CHANNELS, DIAGNOSE_NAMESPACES, DIAGNOSE_USERS 설정을 요청하세요.`
    : `\`diagnose\` is off in this deployment: ${reason.en} Ask the bot's administrator to set KUBECONFIG (or run the bot in a pod with a ServiceAccount) and DIAGNOSE_CHANNELS, DIAGNOSE_NAMESPACES and DIAGNOSE_USERS.`;
}
