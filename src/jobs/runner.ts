import nodemailer from 'nodemailer';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { JobMetrics } from '../modules/ops/metrics.ts';
import { deliverDueMail, outboxSignal } from '../modules/notifications/outbox.ts';
import { DIGEST_BATCH, mailImmediateNotices, mailWeeklyDigests, NOTICE_BATCH } from '../modules/notifications/commands/mail-notices.ts';
import { noticeSignal } from '../modules/notifications/notify.ts';
import { claimHarvest, harvestSignal, queueDueHarvests, runHarvest } from '../modules/datasets/harvest/run.ts';
import { deleteExpiredSessions } from '../modules/accounts/sessions.ts';
import { sendMentoringReminders } from '../modules/mentors/commands/mentoring.ts';
import { sendDueCheckIns } from '../modules/realisation/check-ins.ts';
import { refreshStatistics } from '../modules/statistics/refresh.ts';

interface Job {
  name: string;
  everyMs: number;
  run: () => Promise<unknown>;
  /** Also run soon after this signal fires (e.g. mail queued). */
  wakeOn?: { emitter: NodeJS.EventEmitter; event: string };
}

/**
 * Periodic work inside the app process. Each job's own SQL makes it safe with several instances
 * (the outbox claims rows with SKIP LOCKED; cleanups are idempotent), so no leader election is needed.
 */
export function startJobs(db: Db, config: Config, log: FastifyBaseLogger, metrics?: JobMetrics): { stop: () => Promise<void> } {
  const jobs: Job[] = [
    { name: 'session-cleanup', everyMs: 3600_000, run: () => deleteExpiredSessions(db) },
    { name: 'mentoring-reminders', everyMs: 5 * 60_000, run: () => sendMentoringReminders({ db, config }) },
    // Plans check-ins once an event's results are out, and asks teams and need owners when one falls due.
    { name: 'check-ins', everyMs: 10 * 60_000, run: () => sendDueCheckIns({ db, config }) },
    // Counts the public statistics into statistics_snapshots, so /statistics and the reports never count per request.
    { name: 'statistics', everyMs: config.statisticsRefreshMs, run: () => refreshStatistics(db) },
    {
      name: 'harvest',
      everyMs: config.harvestPollMs,
      run: async () => {
        await queueDueHarvests(db);
        // One at a time per process: a harvest is heavy, and other instances take the next one from the queue.
        for (let claimed = await claimHarvest(db); claimed; claimed = await claimHarvest(db)) {
          const started = performance.now();
          const result = await runHarvest({ db, config }, claimed);
          metrics?.harvestFinished(result.status, (performance.now() - started) / 1000);
          log.info({ source: claimed.source.url, status: result.status }, 'harvest finished');
        }
      },
      wakeOn: { emitter: harvestSignal, event: 'queued' },
    },
    {
      // Notices become mail in the outbox (delivered by mail-delivery, or kept there in development).
      name: 'notice-mail',
      everyMs: 60_000,
      run: async () => {
        while ((await mailImmediateNotices({ db, config })) === NOTICE_BATCH);
        while ((await mailWeeklyDigests({ db, config })) === DIGEST_BATCH);
      },
      wakeOn: { emitter: noticeSignal, event: 'written' },
    },
  ];
  if (config.smtpUrl) {
    const transport = nodemailer.createTransport(config.smtpUrl);
    jobs.push({
      name: 'mail-delivery',
      everyMs: config.outboxPollMs,
      run: async () => {
        // Keep going while full batches come back, so a burst drains without waiting for the next tick.
        for (;;) {
          const { sent, failed } = await deliverDueMail(db, transport, config.mailFrom);
          metrics?.mailDelivered(sent, failed);
          if (sent + failed < 20) return;
        }
      },
      wakeOn: { emitter: outboxSignal, event: 'queued' },
    });
  } else {
    log.info('SMTP_URL is not set: mail stays in the outbox (readable by organisers at /admin/mail in development)');
  }

  let stopped = false;
  const running = new Set<Promise<unknown>>();
  const timers: NodeJS.Timeout[] = [];
  const cleanups: (() => void)[] = [];
  for (const job of jobs) {
    let busy = false;
    let again = false;
    const tick = () => {
      if (stopped) return;
      if (busy) {
        again = true;
        return;
      }
      busy = true;
      const p = job
        .run()
        .catch((err) => log.error({ err, job: job.name }, 'job failed'))
        .finally(() => {
          busy = false;
          running.delete(p);
          if (again) {
            again = false;
            setImmediate(tick);
          }
        });
      running.add(p);
    };
    timers.push(setInterval(tick, job.everyMs));
    if (job.wakeOn) {
      const { emitter, event } = job.wakeOn;
      // Signals fire inside the writer's transaction, so the first look may come before its commit and find nothing:
      // look once more a second later rather than wait for the next poll.
      let recheck: NodeJS.Timeout | undefined;
      const wake = () => {
        setImmediate(tick);
        clearTimeout(recheck);
        recheck = setTimeout(tick, 1000).unref();
      };
      emitter.on(event, wake);
      cleanups.push(() => {
        emitter.off(event, wake);
        clearTimeout(recheck);
      });
    }
    setImmediate(tick);
  }
  return {
    stop: async () => {
      stopped = true;
      timers.forEach(clearInterval);
      cleanups.forEach((c) => c());
      await Promise.allSettled([...running]);
    },
  };
}
