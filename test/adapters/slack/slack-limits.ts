import { type BlockKitMessage, slackLimits } from '../../../adapters/slack/to-block-kit.ts';

/** Every limit Slack enforces on what the bot sends; returns the violations. */
export function slackLimitViolations(message: BlockKitMessage): string[] {
  const problems: string[] = [];
  if (message.blocks.length > slackLimits.blocks) problems.push(`${message.blocks.length} blocks`);
  if (message.text.length > slackLimits.fallbackText) problems.push(`fallback text ${message.text.length}`);
  const actionIds = message.blocks.flatMap((block) => [
    ...((block['elements'] as { action_id?: string }[] | undefined) ?? []).map((el) => el.action_id),
    (block['accessory'] as { action_id?: string } | undefined)?.action_id,
  ]);
  const ids = actionIds.filter((id): id is string => id !== undefined);
  if (new Set(ids).size !== ids.length) problems.push(`action ids repeat: ${ids.join(' ')}`);
  message.blocks.forEach((block, i) => {
    const text = (block['text'] as { text?: string } | undefined)?.text;
    if (block.type === 'header' && (text?.length ?? 0) > slackLimits.headerText)
      problems.push(`header ${i} ${text?.length}`);
    if (block.type === 'section' && text !== undefined && text.length > slackLimits.sectionText)
      problems.push(`section ${i} ${text.length}`);
    if (block.type === 'section' && text !== undefined && (text.match(/```/g)?.length ?? 0) % 2 === 1)
      problems.push(`section ${i} unbalanced fence`);
    for (const field of (block['fields'] as { text: string }[] | undefined) ?? []) {
      if (field.text.length > slackLimits.fieldText) problems.push(`field in ${i}`);
    }
    for (const el of (block['elements'] as
      | { type: string; text?: unknown; value?: string; action_id?: string }[]
      | undefined) ?? []) {
      if (block.type === 'context' && typeof el.text === 'string' && el.text.length > slackLimits.contextText)
        problems.push(`context ${i}`);
      if (el.type === 'button') {
        if (((el.text as { text: string }).text.length ?? 0) > slackLimits.buttonText)
          problems.push(`button text ${i}`);
        if ((el.value?.length ?? 0) > slackLimits.buttonValue) problems.push(`button value ${i}`);
        if ((el.action_id?.length ?? 0) > 255) problems.push(`action_id ${i}`);
      }
    }
  });
  return problems;
}
