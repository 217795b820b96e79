using System.Threading.Channels;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Storage;

namespace Matchmaking.Api.Schedules;

/// <summary>
/// Runs schedule jobs one at a time in the background (each uses every core for its budget). Their status and progress
/// are written to SQLite, so any API process can answer for them; jobs of a process that stops are marked failed.
/// </summary>
public sealed class ScheduleJobs(JobStore jobs, ScheduleService service, ILogger<ScheduleJobs> logger) : BackgroundService
{
    private readonly Channel<(StoredJob Job, StoredEvent Event, double Seconds, bool Repair)> _queue =
        Channel.CreateUnbounded<(StoredJob, StoredEvent, double, bool)>();

    public async Task<StoredJob> StartAsync(StoredEvent stored, double seconds, bool repair, CancellationToken cancellationToken)
    {
        var job = await jobs.CreateAsync(stored.Id, "schedule", cancellationToken);
        await _queue.Writer.WriteAsync((job, stored, seconds, repair), cancellationToken);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await jobs.FailInterruptedAsync(stoppingToken);
        await foreach (var (job, stored, seconds, repair) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var progress = new LatestProgress();
            try
            {
                await jobs.UpdateAsync(job.Id, JobStore.Running, 0, cancellationToken: stoppingToken);
                var work = service.CreateAsync(stored, seconds, repair, progress, stoppingToken);
                while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), stoppingToken)) != work)
                {
                    await jobs.UpdateAsync(job.Id, JobStore.Running, progress.Value, cancellationToken: stoppingToken);
                }
                var (saved, _) = await work;
                await jobs.UpdateAsync(job.Id, JobStore.Succeeded, 100, saved.Version, cancellationToken: stoppingToken);
            }
            catch (SchedulingException e)
            {
                await jobs.UpdateAsync(job.Id, JobStore.Failed, progress.Value, error: e.Message, cancellationToken: CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Schedule job {JobId} of event {EventId} failed", job.Id, stored.Id);
                await jobs.UpdateAsync(job.Id, JobStore.Failed, progress.Value, error: "An unexpected error occurred.", cancellationToken: CancellationToken.None);
            }
        }
    }

    private sealed class LatestProgress : IProgress<int>
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Report(int value) => Volatile.Write(ref _value, value);
    }
}
