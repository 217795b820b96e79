using System.Threading.Channels;
using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Storage;

namespace Matchmaking.Api.Participants;

/// <summary>
/// Embeds the texts of big imports in the background, one job at a time (the model already uses every core), with
/// progress in SQLite like schedule jobs. The participants are stored before the job starts; until it ends, a suggestion
/// or schedule request embeds what it needs itself.
/// </summary>
public sealed class EmbeddingJobs(JobStore jobs, EmbeddingIndex index, ILogger<EmbeddingJobs> logger) : BackgroundService
{
    public const string Kind = "embedding";

    private readonly Channel<(StoredJob Job, IReadOnlyList<string?> Texts)> _queue = Channel.CreateUnbounded<(StoredJob, IReadOnlyList<string?>)>();

    public async Task<StoredJob> StartAsync(long eventId, IReadOnlyList<string?> texts, CancellationToken cancellationToken)
    {
        var job = await jobs.CreateAsync(eventId, Kind, cancellationToken);
        await _queue.Writer.WriteAsync((job, texts), cancellationToken);
        return job;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (job, texts) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var progress = new Percent();
            try
            {
                await jobs.UpdateAsync(job.Id, JobStore.Running, 0, cancellationToken: stoppingToken);
                var work = index.EnsureAsync(texts, progress, stoppingToken);
                while (await Task.WhenAny(work, Task.Delay(TimeSpan.FromSeconds(1), stoppingToken)) != work)
                {
                    await jobs.UpdateAsync(job.Id, JobStore.Running, progress.Value, cancellationToken: stoppingToken);
                }
                await work;
                await jobs.UpdateAsync(job.Id, JobStore.Succeeded, 100, cancellationToken: stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Embedding job {JobId} of event {EventId} failed", job.Id, job.EventId);
                await jobs.UpdateAsync(job.Id, JobStore.Failed, progress.Value, error: "Embedding failed; suggestions will embed what they need.",
                    cancellationToken: CancellationToken.None);
            }
        }
    }

    private sealed class Percent : IProgress<(int Done, int Total)>
    {
        private int _value;

        public int Value => Volatile.Read(ref _value);

        public void Report((int Done, int Total) value) => Volatile.Write(ref _value, value.Total == 0 ? 100 : 100 * value.Done / value.Total);
    }
}
