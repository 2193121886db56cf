import { describe, expect, it } from 'vitest';
import { environmentFilled, unmaskedCode } from '../src/engine/shell/code-unmask.js';
import { sdkCalls } from '../src/engine/shell/sdk-calls.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');
const codes = (s: string) => [...s].map((c) => c.charCodeAt(0)).join(',');

describe('interpreter code unmasked', () => {
  it.each([
    ['python', `exec("".join(map(chr,[${codes('import os')}])))`, 'exec("import os")'],
    ['python', `exec("so tropmi"[::-1])`, 'exec("import os")'],
    ['python', `import codecs;exec(codecs.decode("vzcbeg bf","rot13"))`, 'import codecs;exec("import os")'],
    ['python', `exec(__import__('base64').b64decode('${b64('import os')}'))`, 'exec("import os")'],
    ['python', `exec(zlib.decompress(base64.b64decode("${Buffer.from(require('node:zlib').deflateSync('import os')).toString('base64')}")).decode())`, 'exec("import os")'],
    ['python', `getattr(__import__('o'+'s'),'sys'+'tem')('i'+'d')`, 'os.system("id")'],
    ['node', `globalThis['ev'+'al'](Buffer['fr'+'om']('${b64('1+1')}','base'+'64').toString())`, 'eval("1+1")'],
    ['node', `eval(String.fromCharCode(${codes('a=1')}))`, 'eval("a=1")'],
    ['node', `eval("1=a".split("").reverse().join(""))`, 'eval("a=1")'],
    ['node', `require('vm').runInThisContext("a=1")`, 'eval("a=1")'],
    ['ruby', `send("lave".reverse, "${b64('puts 1')}".unpack1("m"))`, 'eval("puts 1")'],
    ['php', `eval(str_rot13("cevag 1;"))`, 'eval("print 1;")'],
    ['php', `$f="sy"."st"."em";$f("id");`, '$f="system";system("id");'],
    ['lua', `load(string.char(${codes('x=1')}))()`, 'load("x=1")()'],
    ['lua', `os.execute(("di"):reverse())`, 'os.execute("id")'],
    ['r', `eval(parse(text=intToUtf8(c(${codes('x<-1')}))))`, 'eval(parse(text="x<-1"))'],
    ['perl', `eval scalar reverse q{krof elihw krof}`, 'eval "fork while fork"'],
    ['ruby', `exec(["6964"].pack("H*"))`, 'exec("id")'],
    ['ruby', `system(["cu","rl"].join+" -s x")`, 'system("curl -s x")'],
    ['node', `execSync(["c", "url"].join(""))`, 'execSync("curl")'],
    ['node', `f(["a", "b"].join())`, 'f("a,b")'],
    ['python', `os.system("".join(["i", "d"]))`, 'os.system("id")'],
    ['python', `os.system("-".join(("a", "b")))`, 'os.system("a-b")'],
    ['node', `f("http://"+[185,215,113,66].join(".")+"/u")`, 'f("http://185.215.113.66/u")'],
    ['tcl', `eval [binary decode base64 ${b64('puts 1')}]`, 'eval "puts 1"'],
    ['node', `await import("data:text/javascript;base64,${b64('a=1')}")`, 'await eval("a=1")'],
    ['python', `getattr(importlib.import_module('sub'+'process'),'Po'+'pen')(['id'])`, 'subprocess.Popen([\'id\'])'],
    ['ruby', `eval [${codes('puts 1')}].map(&:chr).join`, 'eval "puts 1"'],
    ['awk', `BEGIN{system(sprintf("%c%c", ${codes('id')}))}`, 'BEGIN{system("id")}'],
    ['awk', `BEGIN{system(sprintf("%c%c -u %c", ${codes('idx')}))}`, 'BEGIN{system("id -u x")}'],
    ['php', `eval(gzinflate(base64_decode("${require('node:zlib').deflateRawSync('echo 1;').toString('base64')}")));`, 'eval("echo 1;");'],
    ['python', `exec(bytes(b^90 for b in base64.b64decode('${Buffer.from([...Buffer.from('import os')].map((b) => b ^ 90)).toString('base64')}')))`, 'exec("import os")'],
    ['perl', `$_=q{flfgrz("vq")};tr/A-Za-z/N-ZA-Mn-za-m/;eval`, 'eval "system(\\"id\\")"'],
    ['node', `new Function("require", "return 1")(require)`, 'eval("return 1")(require)'],
    ['python', `subprocess.check_call([sys.executable, '-m', 'pip', 'install', 'x'])`, `subprocess.check_call(["python3", '-m', 'pip', 'install', 'x'])`],
  ])('%s: %s', (lang, code, plain) => {
    expect(unmaskedCode(code, lang)).toBe(plain);
  });

  it('leaves plain code alone', () => {
    expect(unmaskedCode('import json;print(json.dumps({"a": 1}))', 'python')).toBeUndefined();
    expect(unmaskedCode("console.log(require('./package.json').version)", 'node')).toBeUndefined();
    expect(unmaskedCode('print(base64.b64decode("not base64!"))', 'python')).toBeUndefined();
    // a format whose `%c`s outnumber its codes, or with another conversion, is not a spelled-out string
    expect(unmaskedCode('BEGIN{system(sprintf("%c%c %c", 105, 100))}', 'awk')).toBeUndefined();
    expect(unmaskedCode('BEGIN{print sprintf("%c of %d", 65, 3)}', 'awk')).toBeUndefined();
  });
});

describe('interpreter code with its environment filled in', () => {
  const set = [{ name: 'P', value: 'import os' }];
  it.each([
    [`exec(os.environ['P'])`, 'exec("import os")'],
    [`exec(os.getenv("P"))`, 'exec("import os")'],
    [`eval(process.env.P)`, 'eval("import os")'],
    [`eval $ENV{P}`, 'eval "import os"'],
  ])('%s', (code, filled) => expect(environmentFilled(code, set)).toBe(filled));

  it('leaves reads of other variables alone', () => {
    expect(environmentFilled(`print(os.environ['HOME'])`, set)).toBeUndefined();
    expect(environmentFilled(`exec(os.environ['P'])`, [])).toBeUndefined();
  });
});

describe('cloud SDK calls as the CLI lines that make them', () => {
  it.each([
    [`import boto3;c=boto3.client('cloudtrail');c.stop_logging(Name='main')`, ['aws cloudtrail stop-logging --name main']],
    [`boto3.client("iam", region_name="us-east-1").create_access_key(UserName="ci")`, ['aws iam create-access-key --user-name ci']],
    [`s3 = boto3.client('s3'); p = s3.get_paginator('list_objects_v2'); s3.delete_bucket(Bucket='b', ExpectedBucketOwner='1')`, ['aws s3api delete-bucket --bucket b --expected-bucket-owner 1']],
  ])('%s', (code, lines) => expect(sdkCalls(code, 'python')).toEqual(lines));

  it('reads nothing else', () => {
    expect(sdkCalls(`import json;print(json.dumps({}))`, 'python')).toEqual([]);
    expect(sdkCalls(`const c = boto3.client('s3')`, 'node')).toEqual([]);
  });
});
