#!/usr/bin/env node
// Checks every relative link of the repository's Markdown files: the file (or directory) it names
// must exist, and a #fragment into a Markdown file must name one of its headings (GitHub's anchor
// rules: lower case, punctuation dropped, spaces to dashes, -1, -2 ... for repeats).
// In the results archive only the README.md files are checked: the reports beside them are kept as
// the tools wrote them (their chart links name files a rerun writes).
// Usage: node docs/check-links.mjs   (from anywhere; prints each broken link, exit 1 if any)
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '*.md'],
  { cwd: root, encoding: 'utf8' }).split('\n').filter(f => f && !f.includes('node_modules/'))
  .filter(f => !f.startsWith('docs/benchmarks/results/') || f.endsWith('/README.md'));

// Code blocks and inline code hold no links.
function prose(text) {
  return text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

function anchors(file) {
  const seen = new Map();
  const result = new Set();
  for (const line of prose(readFileSync(file, 'utf8')).split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1].toLowerCase().replace(/<[^>]+>/g, '').replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

// Anchors of headings as written in the raw text (inline code in a heading keeps its words).
function headingAnchors(file) {
  const seen = new Map();
  const result = new Set();
  for (const line of readFileSync(file, 'utf8').replace(/^```[\s\S]*?^```/gm, '').split('\n')) {
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const base = m[1].toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n === 0 ? base : `${base}-${n}`);
  }
  return result;
}

const broken = [];
let checked = 0;
for (const rel of listed) {
  const file = join(root, rel);
  if (!existsSync(file)) continue;
  const text = prose(readFileSync(file, 'utf8'));
  for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    const target = m[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // http:, https:, mailto:
    checked++;
    const [path, fragment] = target.split('#');
    const dest = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
    if (!existsSync(dest)) {
      broken.push(`${rel}: ${target} (no such file)`);
      continue;
    }
    if (fragment && dest.endsWith('.md') && statSync(dest).isFile()) {
      if (!headingAnchors(dest).has(fragment) && !anchors(dest).has(fragment)) {
        broken.push(`${rel}: ${target} (no heading #${fragment})`);
      }
    }
  }
}
for (const b of broken) console.log(b);
console.log(`${checked} relative links in ${listed.length} Markdown files, ${broken.length} broken`);
process.exit(broken.length ? 1 : 0);
