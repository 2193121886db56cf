/**
 * Cloud SDK calls in a one-liner, written as the CLI line that makes the same call, so that the rules for the CLI judge
 * them: boto3's `c = boto3.client('cloudtrail'); c.stop_logging(Name='main')` is `aws cloudtrail stop-logging --name
 * main`. The AWS CLI is generated from the same API models as boto3: an operation's snake_case name and its PascalCase
 * parameters spell the CLI's kebab-case command and options. Of the resource API, buckets emptied or deleted.
 */
import { shellQuote } from '../toolcall.js';

const MAX_CALLS = 16;
/** A client bound to a name (`s3 = boto3.client("s3", region_name=…)`), or a call on one made in place. */
const CLIENT_NAMED = /\b([A-Za-z_]\w{0,40})\s*=\s*boto3\.client\(\s*['"]([a-z0-9-]{2,40})['"]/g;
const CLIENT_CALLED = /\bboto3\.client\(\s*['"]([a-z0-9-]{2,40})['"][^()]{0,200}\)\s*\.\s*([a-z][a-z0-9_]{2,60})\s*\(/g;
/** Literal keyword arguments of a call: `UserName='ci'`, `Name="main"`. */
const LITERAL_KWARG = /\b([A-Z][A-Za-z0-9]{0,60})\s*=\s*(?:'([^'\n]{0,256})'|"([^"\n]{0,256})"|(True|False|\d{1,12}))/g;

const kebab = (s: string) => s.replace(/_/g, '-');
const option = (pascal: string) => '--' + pascal.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/([A-Z])([A-Z][a-z])/g, '$1-$2').toLowerCase();

/** The CLI lines of a Python one-liner's boto3 client calls, the first 16. */
export function sdkCalls(code: string, lang: string): string[] {
  if (lang !== 'python' || !code.includes('boto3')) return [];
  const text = code.slice(0, 20000);
  const out: string[] = [];
  const line = (service: string, method: string, args: string) => {
    const options = [...args.slice(0, 2000).matchAll(LITERAL_KWARG)].slice(0, 16).map((m) => `${option(m[1]!)} ${shellQuote(m[2] ?? m[3] ?? m[4]!.toLowerCase())}`);
    // (boto3's s3 client is the low-level API, the CLI's s3api; `aws s3` is the CLI's own file commands)
    if (out.length < MAX_CALLS) out.push(['aws', service === 's3' ? 's3api' : service, kebab(method), ...options].join(' '));
  };
  for (const m of text.matchAll(CLIENT_CALLED)) line(m[1]!, m[2]!, argsAfter(text, m.index! + m[0].length));
  out.push(...bucketResourceCalls(text).slice(0, MAX_CALLS - out.length));
  for (const m of text.matchAll(CLIENT_NAMED)) {
    const [, name, service] = m;
    for (const call of text.matchAll(new RegExp(`\\b${name}\\s*\\.\\s*([a-z][a-z0-9_]{2,60})\\s*\\(`, 'g'))) {
      if (out.length >= MAX_CALLS) break;
      // (the client's own helpers make no call of their own)
      if (call[1] === 'get_paginator' || call[1] === 'get_waiter' || call[1] === 'close') continue;
      line(service!, call[1]!, argsAfter(text, call.index! + call[0].length));
    }
  }
  return out;
}

/**
 * boto3's resource API over S3 buckets: `s3.Bucket('b').objects.all().delete()` and `.object_versions.delete()` empty
 * the bucket (`aws s3 rm s3://b --recursive`), and the bucket's own `.delete()` removes it (`aws s3 rb s3://b`).
 */
function bucketResourceCalls(text: string): string[] {
  if (!/\bboto3\.resource\(\s*['"]s3['"]/.test(text) || !text.includes('delete(')) return [];
  // (the code's deletes are not tied to one bucket of several: each bucket it names is read as the one they hit)
  const emptied = OBJECTS_DELETED.test(text);
  const removed = /(?<!\)|all\(\))\s*\.\s*delete\(\s*\)/.test(text.replace(new RegExp(OBJECTS_DELETED.source, 'g'), ''));
  const out: string[] = [];
  for (const m of text.matchAll(BUCKET_NAMED)) {
    const bucket = shellQuote(`s3://${m[1]!}`);
    if (emptied) out.push(`aws s3 rm ${bucket} --recursive`);
    if (removed) out.push(`aws s3 rb ${bucket} --force`);
    if (out.length >= MAX_CALLS) break;
  }
  return out;
}
/** A bucket's objects (or their versions) deleted through the resource API: `.objects.all().delete()`. */
const OBJECTS_DELETED = /\b(?:objects|object_versions)\s*\.\s*(?:all\(\)\s*\.\s*)?delete\(\s*\)/;
const BUCKET_NAMED = /\.\s*Bucket\(\s*['"]([a-z0-9][a-z0-9.-]{1,62})['"]\s*\)/g;

/** A call's argument text up to its closing parenthesis (nested ones counted), at most 2,000 characters. */
function argsAfter(text: string, at: number): string {
  let depth = 1;
  for (let k = at; k < text.length && k < at + 2000; k++) {
    if (text[k] === '(') depth++;
    else if (text[k] === ')' && --depth === 0) return text.slice(at, k);
  }
  return text.slice(at, at + 2000);
}
