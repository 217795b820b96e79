using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class FastRandomTests
{
    [Test]
    public void ASeedRepeatsItsSequence()
    {
        var first = new FastRandom(42);
        var second = new FastRandom(42);
        var other = new FastRandom(43);

        var a = Enumerable.Range(0, 100).Select(_ => first.Next(1000)).ToList();
        var b = Enumerable.Range(0, 100).Select(_ => second.Next(1000)).ToList();
        var c = Enumerable.Range(0, 100).Select(_ => other.Next(1000)).ToList();

        Assert.That(b, Is.EqualTo(a));
        Assert.That(c, Is.Not.EqualTo(a));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(22)]
    [TestCase(100)]
    public void NextIsInRangeAndEvenlySpread(int n)
    {
        var random = new FastRandom(7);
        var counts = new int[n];
        const int draws = 200_000;
        for (var i = 0; i < draws; i++)
        {
            var value = random.Next(n);
            Assert.That(value, Is.InRange(0, n - 1));
            counts[value]++;
        }

        // Chi-square against the uniform distribution: 8 standard deviations above its mean, far beyond a fair generator.
        var expected = (double)draws / n;
        var chiSquare = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var degrees = Math.Max(1, n - 1);
        Assert.That(chiSquare, Is.LessThan(degrees + 8 * Math.Sqrt(2.0 * degrees)));
    }

    [Test]
    public void NextDoubleIsInTheUnitIntervalWithTheRightMean()
    {
        var random = new FastRandom(3);
        var values = Enumerable.Range(0, 100_000).Select(_ => random.NextDouble()).ToList();

        Assert.That(values, Has.All.InRange(0.0, 1.0).And.All.LessThan(1.0));
        Assert.That(values.Average(), Is.EqualTo(0.5).Within(0.01));
    }
}
