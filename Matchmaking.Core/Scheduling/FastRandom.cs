namespace Matchmaking.Core.Scheduling;

/// <summary>
/// A small seeded pseudo-random generator (SplitMix64) for the slot search's inner loop, which draws several numbers
/// per move: <see cref="Random"/> with a seed runs the older, slower algorithm kept for compatibility.
/// </summary>
internal sealed class FastRandom(int seed)
{
    private ulong _state = (ulong)seed * 0x9E3779B97F4A7C15UL;

    /// <summary>A value in [0, n) for n &gt;= 1 (0 for n = 0): the high half of a 32 x 32-bit product.</summary>
    public int Next(int n) => (int)(((NextUInt64() >> 32) * (ulong)n) >> 32);

    /// <summary>A value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    private ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
