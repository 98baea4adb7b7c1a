import { spawnSync } from 'node:child_process';
import { existsSync, renameSync } from 'node:fs';

/**
 * electron-builder's custom Windows signing hook (win.signtoolOptions.sign, set by scripts/dist.ts
 * only when OW_SIGN_COMMAND is given): signs each file with IT's own command, for a key that never
 * leaves an HSM or a USB token. The command is a template:
 *   {file}  the file to sign, in place
 *   {out}   where a tool that cannot sign in place writes (osslsigncode -out); it replaces {file}
 * Examples (docs/IT.md, Signing):
 *   signtool sign /sha1 <thumbprint> /fd sha256 /tr http://tsa.intranet/ /td sha256 {file}
 *   osslsigncode sign -pkcs11module /usr/lib/libeTPkcs11.so -certs cert.pem -key "pkcs11:object=ow" -h sha256 -ts http://tsa.intranet/ -in {file} -out {out}
 * The token's PIN is the tool's business (its own prompt or agent); it never passes through here.
 */
export function signCommand(template: string, file: string): { argv: string[]; out: string | null } {
  const out = template.includes('{out}') ? `${file}.signed` : null;
  const argv = splitArgs(template).map((a) => a.replaceAll('{file}', file).replaceAll('{out}', out ?? ''));
  if (!template.includes('{file}')) throw new Error('OW_SIGN_COMMAND must name {file}');
  return { argv, out };
}

/** Splits like a shell does for words and double or single quotes, nothing more (no variables, no globs). */
export function splitArgs(command: string): string[] {
  const out: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(command); m; m = re.exec(command)) out.push(m[1] ?? m[2] ?? m[3] ?? '');
  return out;
}

export function signFile(template: string, file: string): void {
  const { argv, out } = signCommand(template, file);
  const [cmd, ...args] = argv;
  if (!cmd) throw new Error('OW_SIGN_COMMAND is empty');
  const res = spawnSync(cmd, args, { stdio: 'inherit', timeout: 300_000, shell: false });
  if (res.status !== 0) throw new Error(`signing ${file} failed: ${cmd} exited ${res.status ?? res.signal ?? 'without status'}`);
  if (out) {
    if (!existsSync(out)) throw new Error(`signing ${file}: the command wrote no ${out}`);
    renameSync(out, file);
  }
}

export default function sign(configuration: { path: string }): void {
  const template = process.env.OW_SIGN_COMMAND;
  if (!template) throw new Error('the custom signing hook runs only with OW_SIGN_COMMAND set');
  signFile(template, configuration.path);
}
