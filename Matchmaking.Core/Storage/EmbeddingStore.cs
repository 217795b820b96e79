using System.Runtime.InteropServices;
using Dapper;

namespace Matchmaking.Core.Storage;

/// <summary>Persists sentence vectors keyed by (model, SHA-256 of the sentence).</summary>
public sealed class EmbeddingStore(MatchmakingDatabase database)
{
    private const int LookupChunk = 500;   // stays under SQLite's bound-parameter limit

    public Task<Dictionary<string, float[]>> GetAsync(string model, IReadOnlyCollection<byte[]> hashes, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async connection =>
        {
            var found = new Dictionary<string, float[]>();
            foreach (var chunk in hashes.Chunk(LookupChunk))
            {
                var rows = await connection.QueryAsync<(byte[] Hash, byte[] Vector)>(
                    "SELECT text_hash, vector FROM embeddings WHERE model = @model AND text_hash IN @chunk", new { model, chunk });
                foreach (var (hash, vector) in rows)
                {
                    found[Convert.ToBase64String(hash)] = MemoryMarshal.Cast<byte, float>(vector).ToArray();
                }
            }
            return found;
        }, cancellationToken);

    public Task PutAsync(string model, IReadOnlyList<(byte[] Hash, float[] Vector)> vectors, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(
                "INSERT OR IGNORE INTO embeddings (model, text_hash, vector) VALUES (@model, @Hash, @Vector)",
                vectors.Select(v => new { model, v.Hash, Vector = MemoryMarshal.AsBytes(v.Vector.AsSpan()).ToArray() }), transaction);
            return 0;
        }, cancellationToken);
}
