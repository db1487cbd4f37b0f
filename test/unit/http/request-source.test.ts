import { describe, expect, it } from 'vitest';
import { requestSource } from '#functions/http/lib/request-source.ts';
import { httpEvent } from '../../support/events.ts';

/** Where a consent was given from and whose failures a limit counts: the viewer, not CloudFront. */
describe('the request’s source', () => {
  const withHeaders = (headers: Record<string, string>, sourceIp = '130.176.1.1') => {
    const event = httpEvent({ headers });
    event.requestContext.http.sourceIp = sourceIp;
    event.requestContext.http.userAgent = 'Mozilla/5.0';
    return event;
  };

  it('takes the viewer’s address from CloudFront’s header, without the port', () => {
    expect(requestSource(withHeaders({ 'cloudfront-viewer-address': '203.0.113.7:51234' }))).toEqual({ ip: '203.0.113.7', userAgent: 'Mozilla/5.0' });
    expect(requestSource(withHeaders({ 'cloudfront-viewer-address': '2001:db8::1:443' })).ip).toBe('2001:db8::1');
  });

  it('a value the client sent itself comes first; CloudFront’s, last, wins', () => {
    expect(requestSource(withHeaders({ 'cloudfront-viewer-address': '6.6.6.6:1, 203.0.113.7:51234' })).ip).toBe('203.0.113.7');
  });

  it('without the header, the gateway’s source address (IPv4-mapped IPv6 as IPv4)', () => {
    expect(requestSource(withHeaders({}, '198.51.100.4')).ip).toBe('198.51.100.4');
    expect(requestSource(withHeaders({}, '::ffff:127.0.0.1')).ip).toBe('127.0.0.1');
  });
});
