using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Storage;
using Matchmaking.Tests.Storage;

namespace Matchmaking.Tests.Embeddings;

public sealed class EmbeddingIndexTests
{
    [Test]
    public async Task EachSentenceReachesTheModelOnceAndIsThenReadFromSqlite()
    {
        using var temp = new TempDatabase();
        var database = temp.Open();
        await database.InitializeAsync();
        var first = new CountingEmbedder(SharedEmbedder.Instance);
        var index = new EmbeddingIndex(first, new EmbeddingStore(database));

        var embedded = await index.EnsureAsync(["Our kiln burns too much gas. Orders get lost.", "Orders get lost.", null, "  "]);
        await index.EnsureAsync(["Orders get lost."]);

        // Two sentences and the two-sentence text as a whole; the repeated sentence is not embedded again.
        Assert.That(embedded, Is.EqualTo(3));
        Assert.That(first.TextsEmbedded, Is.EqualTo(3));

        // Another process on the same database: vectors come from SQLite, not from the model.
        var second = new CountingEmbedder(SharedEmbedder.Instance);
        var other = new EmbeddingIndex(second, new EmbeddingStore(database));
        var vectors = await other.TextAsync("Our kiln burns too much gas. Orders get lost.");

        Assert.That(second.TextsEmbedded, Is.Zero);
        Assert.That(vectors.Sentences, Is.EqualTo(new[] { "Our kiln burns too much gas.", "Orders get lost." }));
        Assert.That(vectors.Mean, Has.Length.EqualTo(384));
        Assert.That(vectors.Whole, Is.Not.EqualTo(vectors.Mean), "the whole text has a vector of its own");
    }

    [Test]
    public async Task ProgressIsReportedWhileTheModelRuns()
    {
        var reports = new List<(int Done, int Total)>();
        var index = new EmbeddingIndex(SharedEmbedder.Instance);

        await index.EnsureAsync(Enumerable.Range(0, 300).Select(i => $"Sentence number {i} about a small sawmill."), new SynchronousProgress(reports));

        Assert.That(reports, Is.Not.Empty);
        Assert.That(reports[^1], Is.EqualTo((300, 300)));
        Assert.That(reports.Select(r => r.Done), Is.Ordered.Ascending);
    }

    private sealed class SynchronousProgress(List<(int, int)> reports) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => reports.Add(value);
    }
}
