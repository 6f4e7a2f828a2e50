import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { describeOnServer, MYSQL_URL } from '../../support/servers.js';
import { anomaliesOf, outcomeCounts, runContention } from './harness.js';

const factory = fileURLToPath(new URL('./kysely-mariadb-factory.ts', import.meta.url));

describeOnServer(
  'mysql',
  'KyselyAdapter on MariaDB under contention: 8 processes on 3 rows',
  () => {
    it('loses no update, applies no transition twice, logs exactly what committed, numbers steps 1..N', async () => {
      const result = await runContention({ factory, url: MYSQL_URL });
      const counts = outcomeCounts(result);
      const anomalies = anomaliesOf(result);
      console.log(
        'KyselyAdapter (MariaDB) contention:',
        JSON.stringify({ counts, anomalies }, null, 2),
      );
      for (const tally of result.tallies) {
        console.log(
          `  ${tally.id}: count ${tally.count} (reported increments ${tally.reportedIncrements}), log rows ${tally.log.length}`,
        );
      }
      expect(anomalies).toEqual({
        lostUpdates: 0,
        mirrorsDisagreeing: 0,
        stepsLoggedTwice: 0,
        logRowsMissingOrExtra: 0,
        seqGapsOrDuplicates: 0,
        untypedFailures: [],
      });
      expect(result.outcomes.filter((o) => o.ok).length).toBeGreaterThan(0);
    }, 180_000);
  },
);
