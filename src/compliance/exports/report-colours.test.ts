import { describe, expect, it } from 'vitest';
import { luminance, resultColours, scoreBand } from './report-data.js';

// The web app's own functions, loaded at run time: the web is type-checked by its own project.
interface WebResults { scoreBackground(score: number | null): string; scoreWord(score: number | null): string }
const web = (await import(new URL('../../../web/src/compliance/results.ts', import.meta.url).href)) as WebResults;

// Mantine's default palette, the shades the web page names (from @mantine/core's DEFAULT_THEME).
const mantine: Record<string, string> = {
  'gray-1': 'F1F3F5', 'green-2': 'B2F2BB', 'lime-2': 'D8F5A2', 'yellow-2': 'FFEC99', 'orange-2': 'FFD8A8', 'red-2': 'FFC9C9',
};

describe('the exports\' heatmap colours', () => {
  it('band every score as the web page does, in the same shade', () => {
    for (const score of [null, 0, 29, 30, 49, 50, 69, 70, 84, 85, 100]) {
      const band = scoreBand(score);
      expect(band.word, String(score)).toBe(web.scoreWord(score));
      const shade = /--mantine-color-([a-z]+-\d)/.exec(web.scoreBackground(score))![1]!;
      expect(band.fill, `${score} → ${shade}`).toBe(mantine[shade]);
    }
  });

  it('keep every result colour light enough for dark text', () => {
    for (const [result, fill] of Object.entries(resultColours)) expect(luminance(fill), result).toBeGreaterThan(0.7);
  });
});
