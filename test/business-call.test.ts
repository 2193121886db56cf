import { describe, expect, it } from 'vitest';
import { parseToolCall } from '../src/engine/toolcall.js';
import { commerceCall, catalogZeroed, storeCreditGiven } from '../src/engine/knowledge/commerce.js';

const call = (body: unknown) => parseToolCall(body);

describe("reading a business system's call", () => {
  it("reads a GraphQL document's operation as the call's words, and a query as a read", () => {
    const mutation = commerceCall(call({ Unknown: { tool_name: 'mcp__shopify__admin_graphql', params: { query: 'mutation giftCardCreate($input: GiftCardCreateInput!) { giftCardCreate(input: $input) { giftCard { id } } }' } } }));
    expect(mutation?.words).toEqual(['mcp', 'shopify', 'admin', 'graphql', 'gift', 'card', 'create']);
    expect(mutation?.writes).toBe(true);
    const query = commerceCall(call({ Unknown: { tool_name: 'mcp__shopify__admin_graphql', params: { query: 'query { scriptTags(first: 50) { nodes { id src } } }' } } }));
    expect(query?.writes).toBe(false);
  });

  it("reads a generic request tool's method, and its verb decides whether it writes", () => {
    const refund = commerceCall(call({ Unknown: { tool_name: 'mcp__square__make_api_request', params: { service: 'refunds', method: 'RefundPayment', request: {} } } }));
    expect(refund?.words.slice(-3)).toEqual(['refunds', 'refund', 'payment']);
    expect(refund?.writes).toBe(true);
    expect(commerceCall(call({ Unknown: { tool_name: 'mcp__square__make_api_request', params: { service: 'customers', method: 'RetrieveCustomer', request: {} } } }))?.writes).toBe(false);
  });

  it("knows a vendor whose API runs on the store's own host by its path, and no other host", () => {
    expect(commerceCall(call({ Network: { method: 'POST', url: 'https://shop.example.com/wp-json/wc/v3/webhooks', body: '{}' } }))?.vendor).toBe('woocommerce');
    expect(commerceCall(call({ Network: { method: 'POST', url: 'https://shop.example.com/api/webhooks', body: '{}' } }))).toBeUndefined();
  });

  it('counts zeroed prices and stock, and store credit by its size and count', () => {
    const prices = (n: number) => call({ Unknown: { tool_name: 'mcp__bigcommerce__update_products', params: { products: Array.from({ length: n }, (_, k) => ({ id: k, price: 0 })) } } });
    expect(catalogZeroed(prices(1))).toEqual([]);
    expect(catalogZeroed(prices(2))).toHaveLength(1);
    const card = (value: string, count?: number) => call({ Unknown: { tool_name: 'mcp__shopify__create-gift-cards', params: { initialValue: value, ...(count ? { count } : {}) } } });
    expect(storeCreditGiven(card('25.00'))).toEqual([]);
    expect(storeCreditGiven(card('499.99'))).toEqual([]);
    expect(storeCreditGiven(card('500.00'))).toHaveLength(1);
    expect(storeCreditGiven(card('20.00', 5))).toHaveLength(1);
  });
});
