import cliProgress from 'cli-progress';

/** A progress bar on a terminal; one line per tenth on a pipe, so CI logs stay short. */
export function progressBar(label: string) {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total} {what}`, stream: process.stderr }, cliProgress.Presets.shades_classic);
    let started = false;
    return {
      update(done: number, total: number, what = '') {
        if (!started) { bar.start(total, done, { what }); started = true; }
        bar.setTotal(total);
        bar.update(done, { what });
      },
      stop() { if (started) bar.stop(); },
    };
  }
  let lastTenth = -1;
  return {
    update(done: number, total: number, what = '') {
      const tenth = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (tenth !== lastTenth) { lastTenth = tenth; process.stderr.write(`${label}: ${done}/${total} ${what}\n`); }
    },
    stop() { /* nothing to clear */ },
  };
}
