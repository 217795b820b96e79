using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Storage;

namespace Matchmaking.Core.Embeddings;

/// <summary>
/// Sentence vectors by content: in memory, then in SQLite, and only then from the model. Keyed by the model id and the
/// SHA-256 of each sentence, so every process sharing the database reuses them and stale entries cannot exist.
/// </summary>
public sealed class EmbeddingIndex(ITextEmbedder embedder, EmbeddingStore? store = null, int maxInMemory = 250_000)
{
    private readonly ConcurrentDictionary<string, float[]> _memory = new();
    private readonly SemaphoreSlim _modelGate = new(1, 1);

    public ITextEmbedder Embedder => embedder;

    /// <summary>Makes sure every sentence of the texts has a vector, embedding (and storing) only the missing ones.</summary>
    /// <param name="texts">Texts to index; null and blank ones are skipped.</param>
    /// <param name="progress">Receives (sentences done, sentences to embed) while the model runs.</param>
    /// <param name="cancellationToken">Stops between model batches.</param>
    /// <returns>How many sentences had to be embedded.</returns>
    public async Task<int> EnsureAsync(IEnumerable<string?> texts, IProgress<(int Done, int Total)>? progress = null, CancellationToken cancellationToken = default)
    {
        var missing = await MissingAsync(texts, cancellationToken);
        if (missing.Count == 0)
        {
            return 0;
        }

        // One model run at a time: ONNX Runtime already uses every core for one batch.
        await _modelGate.WaitAsync(cancellationToken);
        try
        {
            var pending = missing.Where(m => !_memory.ContainsKey(m.Key)).ToList();
            const int chunk = 256;
            for (var start = 0; start < pending.Count; start += chunk)
            {
                var part = pending.GetRange(start, Math.Min(chunk, pending.Count - start));
                var vectors = embedder.Embed(part.Select(p => p.Value.Sentence).ToList(), cancellationToken);
                if (store is not null)
                {
                    await store.PutAsync(embedder.ModelId, part.Select((p, i) => (p.Value.Hash, vectors[i])).ToList(), cancellationToken);
                }
                for (var i = 0; i < part.Count; i++)
                {
                    Remember(part[i].Key, vectors[i]);
                }
                progress?.Report((start + part.Count, pending.Count));
            }
            return pending.Count;
        }
        finally
        {
            _modelGate.Release();
        }
    }

    /// <summary>How many distinct sentences of the texts have no vector yet (in memory or in the store): the model's work.</summary>
    public async Task<int> CountMissingAsync(IEnumerable<string?> texts, CancellationToken cancellationToken = default) =>
        (await MissingAsync(texts, cancellationToken)).Count;

    private async Task<Dictionary<string, (byte[] Hash, string Sentence)>> MissingAsync(IEnumerable<string?> texts, CancellationToken cancellationToken)
    {
        var missing = new Dictionary<string, (byte[] Hash, string Sentence)>();
        foreach (var sentence in texts.SelectMany(Units))
        {
            var hash = Hash(sentence);
            var key = Convert.ToBase64String(hash);
            if (!_memory.ContainsKey(key))
            {
                missing.TryAdd(key, (hash, sentence));
            }
        }
        if (missing.Count > 0 && store is not null)
        {
            foreach (var (key, vector) in await store.GetAsync(embedder.ModelId, missing.Values.Select(m => m.Hash).ToList(), cancellationToken))
            {
                Remember(key, vector);
                missing.Remove(key);
            }
        }
        return missing;
    }

    /// <summary>The vectors of one text; embeds whatever is missing first.</summary>
    public async Task<TextVectors> TextAsync(string? text, CancellationToken cancellationToken = default)
    {
        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count == 0)
        {
            return TextVectors.Empty;
        }
        var whole = text!.Trim();
        while (true)
        {
            var vectors = new float[sentences.Count][];
            var complete = _memory.TryGetValue(Key(whole), out var wholeVector);
            for (var i = 0; i < sentences.Count && complete; i++)
            {
                complete = _memory.TryGetValue(Key(sentences[i]), out vectors[i]!);
            }
            if (complete)
            {
                return TextVectors.Of(sentences, vectors, wholeVector);
            }
            await EnsureAsync([text], cancellationToken: cancellationToken);
        }
    }

    public async Task<ProfileVectors> ProfileAsync(ParticipantProfile profile, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(ProfileVectors.Texts(profile), cancellationToken: cancellationToken);
        var offers = await TextAsync(profile.Offers, cancellationToken);
        var needs = await TextAsync(profile.Needs, cancellationToken);
        var description = await TextAsync(profile.Description, cancellationToken);
        return new ProfileVectors(offers, needs, description,
            TextVectors.MeanOf(offers.Vectors.Concat(needs.Vectors).Concat(description.Vectors)));
    }

    private void Remember(string key, float[] vector)
    {
        if (_memory.Count >= maxInMemory)
        {
            // Everything is still in SQLite; a rare full reset keeps memory bounded without LRU bookkeeping.
            _memory.Clear();
        }
        _memory[key] = vector;
    }

    private static byte[] Hash(string sentence) => SHA256.HashData(Encoding.UTF8.GetBytes(sentence));

    private static string Key(string sentence) => Convert.ToBase64String(Hash(sentence));

    /// <summary>What gets a vector of its own: each sentence, and the whole text when it has more than one.</summary>
    private static IEnumerable<string> Units(string? text)
    {
        var sentences = SentenceSplitter.Split(text);
        if (sentences.Count == 0)
        {
            return [];
        }
        var whole = text!.Trim();
        return sentences.Contains(whole) ? sentences : sentences.Append(whole);
    }
}
