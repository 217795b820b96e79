using System.Numerics.Tensors;
using Matchmaking.Core.Embeddings;

namespace Matchmaking.Tests.Embeddings;

public sealed class SimilaritySearchTests
{
    [Test]
    public void TopKKeepsTheBestInOrderWithoutSortingEverything()
    {
        var top = new TopK<string>(3);
        foreach (var (item, score) in new[] { ("a", 0.1f), ("b", 0.9f), ("c", 0.5f), ("d", 0.7f), ("e", 0.2f), ("f", 0.95f) })
        {
            top.Add(item, score);
        }

        Assert.That(top.ToList().Select(t => t.Item), Is.EqualTo(new[] { "f", "b", "d" }));
        Assert.That(top.Threshold, Is.EqualTo(0.7f));
    }

    [Test]
    public void ATopKOfZeroKeepsNothing()
    {
        var top = new TopK<int>(0);
        top.Add(1, 1f);

        Assert.That(top.ToList(), Is.Empty);
    }

    [TestCase(1, 7, 1)]
    [TestCase(37, 300, 5)]
    [TestCase(130, 1000, 10)]
    [TestCase(9, 4, 10)]
    public void AllPairsTopKMatchesBruteForce(int queries, int corpus, int k)
    {
        const int dimensions = 24;
        var random = new Random(queries * 31 + corpus);
        var q = Normalised(random, queries, dimensions);
        var c = Normalised(random, corpus, dimensions);

        var result = SimilaritySearch.TopK(q, c, dimensions, k);

        for (var i = 0; i < queries; i++)
        {
            var expected = Enumerable.Range(0, corpus)
                .Select(j => (Index: j, Score: TensorPrimitives.Dot(q.AsSpan(i * dimensions, dimensions), c.AsSpan(j * dimensions, dimensions))))
                .OrderByDescending(p => p.Score).Take(k).ToList();
            Assert.That(result[i].Select(r => r.Index), Is.EqualTo(expected.Select(e => e.Index)), $"query {i}");
            Assert.That(result[i].Select(r => r.Score), Is.EqualTo(expected.Select(e => e.Score)).Within(1e-5f));
        }
    }

    private static float[] Normalised(Random random, int rows, int dimensions)
    {
        var values = new float[rows * dimensions];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (float)(random.NextDouble() * 2 - 1);
        }
        for (var r = 0; r < rows; r++)
        {
            var row = values.AsSpan(r * dimensions, dimensions);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }
        return values;
    }
}
