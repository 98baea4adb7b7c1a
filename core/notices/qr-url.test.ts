import { describe, expect, it } from 'vitest';
import { qrContent, qrPayloadFrom } from './qr-url.js';

const PAYLOAD = `OW1|T3101040007-20260305-0042|accepted|20260305|0123456789abcdef|${'ab'.repeat(64)}`;

describe('the QR code’s URL', () => {
  it('puts the payload in the progress page URL’s fragment, and reads it back', () => {
    const url = qrContent(PAYLOAD, 'https://yct.example.gov.cn/progress');
    expect(url).toBe(`https://yct.example.gov.cn/progress#${PAYLOAD.replaceAll('|', '%7C')}`);
    expect(qrPayloadFrom(url)).toBe(PAYLOAD);
    expect(qrPayloadFrom(` ${PAYLOAD} `)).toBe(PAYLOAD);
    expect(qrContent(PAYLOAD, null)).toBe(PAYLOAD);
  });

  it('reads nothing from a URL without a fragment or with a broken escape', () => {
    expect(qrPayloadFrom('https://yct.example.gov.cn/progress')).toBe('');
    expect(qrPayloadFrom('https://yct.example.gov.cn/progress#%E0%A4%A')).toBe('');
  });
});
