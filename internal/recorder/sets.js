// The case sets the recorder knows: which generator, seed, id prefix and file names each uses.
// gen.js and record.js pick one with a flag (none: the main set).
import { generate, DEFAULT_SEED } from './gen.js';
import { generateHoldout, HOLDOUT_SEED } from './holdout.js';
import { generateRound3, ROUND3_SEED } from './round3.js';
import { generateRound4, ROUND4_SEED } from './round4.js';
import { generateDest, DEST_SEED } from './dest.js';
import { generateDest2, DEST2_SEED } from './dest2.js';
import { generateInline, INLINE_SEED } from './inline.js';

// SETS: flag -> { stem (output <stem>.jsonl), meta (output meta file), casesFile (the generated
// cases next to gen.js, not committed), seed, generate(seed), generator (for meta.json), prefix }.
export const SETS = {
  main: { flag: null, stem: 'cases', meta: 'meta.json', casesFile: 'cases.jsonl', seed: DEFAULT_SEED, generate,
    generator: 'internal/recorder/gen.js', prefix: 'c' },
  holdout: { flag: '--holdout', stem: 'holdout', meta: 'holdout-meta.json', casesFile: 'holdout-cases.jsonl', seed: HOLDOUT_SEED,
    generate: generateHoldout, generator: 'internal/recorder/holdout.js (node gen.js --holdout)', prefix: 'h' },
  round3: { flag: '--round3', stem: 'round3', meta: 'round3-meta.json', casesFile: 'round3-cases.jsonl', seed: ROUND3_SEED,
    generate: generateRound3, generator: 'internal/recorder/round3.js (node gen.js --round3)', prefix: 'r' },
  round4: { flag: '--round4', stem: 'round4', meta: 'round4-meta.json', casesFile: 'round4-cases.jsonl', seed: ROUND4_SEED,
    generate: generateRound4, generator: 'internal/recorder/round4.js (node gen.js --round4)', prefix: 'f' },
  dest: { flag: '--dest', stem: 'dest', meta: 'dest-meta.json', casesFile: 'dest-cases.jsonl', seed: DEST_SEED,
    generate: generateDest, generator: 'internal/recorder/dest.js (node gen.js --dest)', prefix: 'd' },
  dest2: { flag: '--dest2', stem: 'dest2', meta: 'dest2-meta.json', casesFile: 'dest2-cases.jsonl', seed: DEST2_SEED,
    generate: generateDest2, generator: 'internal/recorder/dest2.js (node gen.js --dest2)', prefix: 'e' },
  // recorded by its own loop (inline-run.js), into <out>/inline/ by default (not replayed as loads)
  inline: { flag: '--inline', stem: 'inline', meta: 'inline-meta.json', casesFile: 'inline-cases.jsonl', seed: INLINE_SEED,
    generate: generateInline, generator: 'internal/recorder/inline.js (node gen.js --inline)', prefix: 'i', own: 'inline-run.js' },
};

// setFromFlag returns the set named by a command-line flag (--holdout, --round3, --round4, --dest, --dest2, --inline), or null.
export function setFromFlag(arg) {
  return Object.values(SETS).find((s) => s.flag === arg) || null;
}
