import { describe, expect, it } from 'vitest';
import { BotError, ErrorCode } from '../../../src/errors.ts';
import { errorReply } from '../../../src/replies/error-reply.ts';

describe('errorReply', () => {
  const localized = new BotError(ErrorCode.NotFound, 'pod shop/web-1 not found in prod', {
    userMessage: { en: 'Pod `web-1` was not found.', ko: '팟 `web-1`을(를) 찾지 못했습니다.' },
  });

  it("posts an error's own words in the bot's language, Korean by default", () => {
    expect(errorReply(localized, 'ab12').text).toBe('팟 `web-1`을(를) 찾지 못했습니다.');
    expect(errorReply(localized, 'ab12', { language: 'en' }).text).toBe('Pod `web-1` was not found.');
    // Logs, audit records and the CLI read the English words.
    expect(localized.userMessage).toBe('Pod `web-1` was not found.');
  });

  it('posts words given in one language whatever the setting', () => {
    const plain = new BotError(ErrorCode.NotAllowed, 'nope', { userMessage: 'Ask an admin.' });
    expect(errorReply(plain, 'ab12', { language: 'ko' }).text).toBe('Ask an admin.');
  });

  it('posts a generic line with the reference, never the error itself, when there are no words to post', () => {
    const text = errorReply(new Error('ECONNRESET at 10.0.0.7'), 'ab12', { language: 'en' }).text;
    expect(text).toBe('Something went wrong on my side (ref ab12).');
    expect(errorReply(new BotError(ErrorCode.StoreUnavailable, 'internal'), 'cd34').text).toContain('cd34');
  });
});
