using System.Diagnostics;
using System.Numerics;

namespace Matchmaking.Core.Scheduling;

/// <summary>
/// Simulated annealing over slot assignments for one search thread. Phase 1 removes double bookings (a meeting may
/// move to any allowed slot; conflicts cost much); phase 2 keeps every participant conflict-free by moving meetings
/// along Kempe chains: moving meeting m from slot c1 to c2 also swaps every meeting linked to it by a participant
/// (or a shared host table) between c1 and c2. Inside a chain each participant keeps both slots, so only the chain's
/// ends change their day: cheap, targeted moves that never double-book anyone. A chain that would open one hole may
/// be followed at once by a second chain that closes it (and that one by a third), accepted or undone as one move.
/// Half the moves are for a participant with a hole: one of its meetings goes next to its day, or into the back-to-back
/// window its meetings can fill that holds most of its day, which also gets a day across an unavailable slot moving.
/// A hole that persists weighs more and more in the cost (guided local search), so the search keeps trying to move
/// holes to other participants instead of circling around one arrangement; the best schedule is judged by true holes.
/// </summary>
internal sealed class SlotSearch
{
    private const int HardWeight = 64;     // per table overflow or broken precedence, in eighth-holes
    private const int HoleWeight = 8;      // a hole (until penalised); one idle slot costs 1, so fewer idle slots break ties
    private const int PenaltyStep = 2;     // added to the hole weight of a participant whose hole persists
    private const int PenaltyMax = 32;
    private const int PenaltyMask = (1 << 16) - 1;   // penalties are raised every 65,536 moves (tens per second)
    private const int PenaltyDecay = 4;    // and every 4th time, those of participants without holes fall by one
    private const double CycleSeconds = 0.6;
    private const int MaxChain = 64;
    private const int RepairTries = 4;
    // Of the moves for a participant with a hole, those into its best window (see ProposeIntoWindow). More suits dense
    // days (the b2bsp events) and costs sparse ones (the scale benchmark's event); see docs/b2bsp.md.
    private const int WindowMovePercent = 35;
    private const int MaxDepth = 2;
    private const double PublishSeconds = 0.05;   // at most this often a new best is shared with the other threads
    private const double ColdTemperature = 0.15;  // removing conflicts: per violation, for the first ColdIterations moves
    private const long ColdIterations = 1 << 18;
    private const double HotTemperature = 2.0;    // then reheated, and cooling again

    /// <summary>Holes, idle slots, table overflows and broken precedences of a schedule, or their change by a move.</summary>
    private struct Totals
    {
        public long Holes;
        public long Weighted;  // holes weighted by their participant's current weight
        public long Idle;
        public long Overflow;
        public long Broken;
        public int Shift;   // of a move: meetings leaving c1 for c2, minus those coming back

        public readonly long Cost => HardWeight * (Overflow + Broken) + Weighted + Idle;

        public readonly long PlainCost => HardWeight * (Overflow + Broken) + HoleWeight * Holes + Idle;
    }

    private readonly ScheduleProblem _problem;
    private readonly int _n;
    private readonly int _slots;
    private readonly int _participants;
    private readonly int _resources;
    private readonly int[] _resourceStart;  // meeting m uses resources _resourceList[_resourceStart[m] .. _resourceStart[m + 1])
    private readonly int[] _resourceList;
    private readonly ulong[] _allowed;
    private readonly ulong[][] _windows;    // per participant, the back-to-back days its meetings can fill
    private readonly int[][] _mustPrecede;  // meetings that must come before m
    private readonly int[][] _mustFollow;   // meetings that must come after m
    private readonly bool[] _pinned;
    private readonly int[][] _meetingsOf;   // per participant
    private readonly FastRandom _random;
    private readonly int[] _a;              // per meeting, its participants
    private readonly int[] _b;
    private readonly bool _hasPrecedences;
    private readonly int[] _touchStamp;     // per participant: the move that last counted its chain meetings
    private readonly int[] _inChainCount;
    private readonly int[] _holeWeight;     // per participant: HoleWeight, raised while its holes persist

    private readonly int[] _slot;
    private readonly ulong[] _occupied;    // per participant
    private readonly int[] _holed;         // the participants with a hole now, in no order (the first _holedCount)
    private readonly int[] _holedAt;       // per participant, its place in _holed; -1 for none
    private int _holedCount;
    private readonly int[] _load;          // meetings per slot
    private readonly bool[] _inChain;
    private readonly List<int> _touched = new(32);
    private int _stamp;
    private int[] _at = [];                // per resource and slot, the meeting there (-1 for none)
    private Totals _totals;
    private int[]? _best;
    private long _bestHoles;
    private long _bestCost;
    private int _bestVersion;
    private int _publishedVersion;
    private double _publishedAt = double.NegativeInfinity;

    public SlotSearch(ScheduleProblem problem, int seed, IReadOnlyList<int>? initial, IReadOnlyList<bool>? pinned)
    {
        _problem = problem;
        _n = problem.Meetings.Count;
        _slots = problem.SlotCount;
        _participants = problem.ParticipantCount;
        _random = new FastRandom(seed);

        // Two participants who host the same table cannot both meet at it at once: the table is a resource too.
        var sharedTables = problem.HostTables.Where(t => t > 0).GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key)
            .Select((table, i) => (table, i)).ToDictionary(x => x.table, x => _participants + x.i);
        _resources = _participants + sharedTables.Count;
        _resourceStart = new int[_n + 1];
        var list = new List<int>(_n * 2);
        _allowed = new ulong[_n];
        for (var m = 0; m < _n; m++)
        {
            _resourceStart[m] = list.Count;
            list.Add(problem.Meetings[m].A);
            list.Add(problem.Meetings[m].B);
            if (sharedTables.TryGetValue(problem.RequiredTable(m), out var tableResource))
            {
                list.Add(tableResource);
            }
            _allowed[m] = problem.AllowedSlots(m);
        }
        _resourceStart[_n] = list.Count;
        _resourceList = [.. list];

        var before = Enumerable.Range(0, _n).Select(_ => new List<int>()).ToArray();
        var after = Enumerable.Range(0, _n).Select(_ => new List<int>()).ToArray();
        foreach (var (b, a) in problem.Precedences)
        {
            before[a].Add(b);
            after[b].Add(a);
        }
        _mustPrecede = before.Select(l => l.ToArray()).ToArray();
        _mustFollow = after.Select(l => l.ToArray()).ToArray();
        _pinned = pinned?.ToArray() ?? new bool[_n];
        var meetingsOf = problem.MeetingsByParticipant();
        _meetingsOf = meetingsOf.Select(l => l.ToArray()).ToArray();
        _windows = meetingsOf.Select(problem.CompactWindows).ToArray();
        _a = problem.Meetings.Select(m => m.A).ToArray();
        _b = problem.Meetings.Select(m => m.B).ToArray();
        _hasPrecedences = problem.Precedences.Count > 0;
        _touchStamp = new int[_participants];
        _inChainCount = new int[_participants];
        _holeWeight = new int[_participants];
        Array.Fill(_holeWeight, HoleWeight);

        _slot = new int[_n];
        _occupied = new ulong[_participants];
        _holed = new int[_participants];
        _holedAt = new int[_participants];
        _load = new int[_slots];
        _inChain = new bool[_n];
        for (var m = 0; m < _n; m++)
        {
            _slot[m] = initial is not null && initial[m] >= 0 && (_allowed[m] & (1UL << initial[m])) != 0 ? initial[m] : Greedy(m);
        }
    }

    public int[] Slots => _slot;

    /// <summary>Called with a copy of the best valid assignment whenever it improves (at most every 50 ms).</summary>
    public Action<int[]>? Publish { get; init; }

    /// <summary>
    /// Asked while this search has no valid assignment yet: a valid one found elsewhere (another thread, CP-SAT) to start
    /// from instead, or null.
    /// </summary>
    public Func<int[]?>? Adopt { get; init; }

    /// <summary>
    /// Asked now and then with this search's fewest holes: a schedule with fewer, found elsewhere (by an exact
    /// neighbourhood), to go on from; or null.
    /// </summary>
    public Func<long, int[]?>? Better { get; init; }

    /// <summary>
    /// Called with a copy of the best schedule once it has stood for a while (see <see cref="PolishAfterSeconds"/>):
    /// a schedule with fewer holes to go on from (an exact neighbourhood's), or null. Each best is offered once.
    /// </summary>
    public Func<int[], int[]?>? Polish { get; init; }

    /// <summary>How long a best schedule must stand before it is offered to <see cref="Polish"/>.</summary>
    public double PolishAfterSeconds { get; init; } = 0.2;

    /// <summary>
    /// The temperature each cooling cycle starts from, in holes: at 1, a move that opens a hole is taken about a third of
    /// the time. Events differ in which start suits them, so the threads of one solve may differ too.
    /// </summary>
    public double StartTemperature { get; init; } = 1;

    /// <summary>
    /// Runs both phases until the deadline, a solution with as few holes as <paramref name="target"/> says are enough, or
    /// until <paramref name="stop"/> says so. Returns
    /// the best conflict-free assignment (null if none was found) and its cost.
    /// </summary>
    public (int[]? Slots, long Cost) Run(Stopwatch clock, TimeSpan deadline, Func<int> target, Func<bool> stop)
    {
        if (!RemoveConflicts(clock, deadline, stop))
        {
            return (null, long.MaxValue);
        }
        return Anneal(clock, deadline, target, stop);
    }

    // ---------------------------------------------------------------- construction

    /// <summary>An allowed slot for meeting m, preferring one free for its participants and next to their meetings.</summary>
    private int Greedy(int m)
    {
        var best = -1;
        var bestCost = int.MaxValue;
        var allowed = _allowed[m];
        if (allowed == 0)
        {
            throw new InvalidOperationException($"Meeting {m} has no allowed slot.");
        }
        for (var bits = allowed; bits != 0; bits &= bits - 1)
        {
            var t = BitOperations.TrailingZeroCount(bits);
            var cost = 0;
            for (var r = _resourceStart[m]; r < _resourceStart[m + 1]; r++)
            {
                var p = _resourceList[r];
                if (p >= _participants)
                {
                    continue;
                }
                var occupied = Occupancy(p, m);
                cost += (occupied & (1UL << t)) != 0 ? 1000 : 0;
                var after = occupied | (1UL << t);
                cost += HoleWeight * (HoleCount.Of(after) - HoleCount.Of(occupied)) + HoleCount.IdleSlots(after) - HoleCount.IdleSlots(occupied);
            }
            cost += _random.Next(3);
            if (cost < bestCost)
            {
                bestCost = cost;
                best = t;
            }
        }
        return best;
    }

    /// <summary>The slots of the participant's meetings placed so far (those before <paramref name="upTo"/>).</summary>
    private ulong Occupancy(int participant, int upTo)
    {
        var occupied = 0UL;
        foreach (var other in _meetingsOf[participant])
        {
            if (other < upTo)
            {
                occupied |= 1UL << _slot[other];
            }
        }
        return occupied;
    }

    // ---------------------------------------------------------------- phase 1: every hard constraint

    /// <summary>Moves single meetings until nobody is double-booked, no slot has more meetings than tables, and every precedence holds.</summary>
    private bool RemoveConflicts(Stopwatch clock, TimeSpan deadline, Func<bool> stop)
    {
        var count = new int[_resources * _slots];
        var load = new int[_slots];
        var violations = 0;
        for (var m = 0; m < _n; m++)
        {
            for (var r = _resourceStart[m]; r < _resourceStart[m + 1]; r++)
            {
                violations += count[_resourceList[r] * _slots + _slot[m]]++ > 0 ? 1 : 0;
            }
            violations += load[_slot[m]]++ >= _problem.Tables ? 1 : 0;
            foreach (var b in _mustPrecede[m])
            {
                violations += _slot[b] >= _slot[m] ? 1 : 0;
            }
        }
        long iterations = 0;
        // Cold first: on most events a near-greedy walk removes the conflicts in under 100,000 moves (from 2.0 it took
        // 1-3 million, 60-120 ms). Where it stalls (days packed full, many precedences), the walk is reheated.
        var temperature = ColdTemperature;
        // A valid schedule matters more than the budget: this phase may overrun it, within reason.
        var limit = deadline * 10 + TimeSpan.FromSeconds(1);
        while (violations > 0)
        {
            if ((++iterations & 1023) == 0)
            {
                if (clock.Elapsed > limit || stop())
                {
                    return false;
                }
                if (Adopt?.Invoke() is { } valid)
                {
                    Array.Copy(valid, _slot, _n);
                    return true;
                }
                temperature = iterations == ColdIterations ? HotTemperature : Math.Max(0.05, temperature * 0.999);
            }
            var m = _random.Next(_n);
            if (_pinned[m])
            {
                continue;
            }
            var t = RandomAllowed(m);
            var s = _slot[m];
            if (t == s)
            {
                continue;
            }
            var delta = (load[t] >= _problem.Tables ? 1 : 0) - (load[s] > _problem.Tables ? 1 : 0);
            for (var r = _resourceStart[m]; r < _resourceStart[m + 1]; r++)
            {
                var resource = _resourceList[r] * _slots;
                delta += (count[resource + t] > 0 ? 1 : 0) - (count[resource + s] > 1 ? 1 : 0);
            }
            foreach (var b in _mustPrecede[m])
            {
                delta += (_slot[b] >= t ? 1 : 0) - (_slot[b] >= s ? 1 : 0);
            }
            foreach (var a in _mustFollow[m])
            {
                delta += (t >= _slot[a] ? 1 : 0) - (s >= _slot[a] ? 1 : 0);
            }
            if (delta <= 0 || _random.NextDouble() < Math.Exp(-delta / temperature))
            {
                for (var r = _resourceStart[m]; r < _resourceStart[m + 1]; r++)
                {
                    var resource = _resourceList[r] * _slots;
                    count[resource + s]--;
                    count[resource + t]++;
                }
                load[s]--;
                load[t]++;
                _slot[m] = t;
                violations += delta;
            }
        }
        return true;
    }

    private int RandomAllowed(int m)
    {
        var allowed = _allowed[m];
        return NthSetBit(allowed, _random.Next(BitOperations.PopCount(allowed)));
    }

    /// <summary>The slot of the n-th (from 0) set bit of the mask.</summary>
    private static int NthSetBit(ulong mask, int n)
    {
        // BMI2's PDEP would do it in one instruction on Intel, but is microcoded and slow on AMD before Zen 3.
        for (var i = 0; i < n; i++)
        {
            mask &= mask - 1;
        }
        return BitOperations.TrailingZeroCount(mask);
    }

    // ---------------------------------------------------------------- phase 2: Kempe-chain annealing

    private (int[]? Slots, long Cost) Anneal(Stopwatch clock, TimeSpan deadline, Func<int> target, Func<bool> stop)
    {
        _at = new int[_resources * _slots];
        Load();
        _best = null;
        _bestHoles = long.MaxValue;
        _bestCost = long.MaxValue;
        RecordBest();

        var chain = new List<int>(64);
        var repair = new List<int>(64);
        var steps = Enumerable.Range(0, MaxDepth + 1).Select(_ => new List<int>(64)).ToArray();
        var ends = new (int C1, int C2)[MaxDepth + 1];
        var start = clock.Elapsed;
        var span = Math.Max(1e-3, (deadline - start).TotalSeconds);
        double hot = HoleWeight * StartTemperature, cold = HoleWeight * 0.02;
        var temperature = hot;
        long iterations = 0;
        long penalties = 0;
        var (bestSeenVersion, polishedVersion, bestSince) = (_bestVersion, -1, 0.0);
        while (true)
        {
            if ((++iterations & PenaltyMask) == 0)
            {
                Penalize(++penalties);
            }
            if ((iterations & 1023) == 0)
            {
                var elapsed = (clock.Elapsed - start).TotalSeconds;
                if (elapsed >= span || stop() || _bestHoles <= target())
                {
                    break;
                }
                if (Better?.Invoke(_bestHoles) is { } better)
                {
                    Restart(better);
                }
                if (_bestVersion != bestSeenVersion)
                {
                    (bestSeenVersion, bestSince) = (_bestVersion, elapsed);
                }
                if (Polish is not null && _best is not null && _bestVersion != polishedVersion && elapsed - bestSince >= PolishAfterSeconds)
                {
                    polishedVersion = _bestVersion;
                    if (Polish((int[])_best.Clone()) is { } polished)
                    {
                        Restart(polished);
                    }
                }
                if (_bestVersion != _publishedVersion && elapsed - _publishedAt >= PublishSeconds && _best is not null)
                {
                    _publishedVersion = _bestVersion;
                    _publishedAt = elapsed;
                    Publish?.Invoke((int[])_best.Clone());
                }
                // Cooling in cycles: each restarts warm from where the search is, to leave plateaus behind.
                var cycle = Math.Min(span, CycleSeconds);
                temperature = hot * Math.Pow(cold / hot, (elapsed % cycle) / cycle);
            }

            if (!Propose(chain, out var c1, out var c2))
            {
                continue;
            }
            var delta = Evaluate(chain, c1, c2, out var victim);
            if (Accept(delta.Cost, temperature))
            {
                Apply(chain, c1, c2, delta);
                Clear(chain);
                RecordBest();
                continue;
            }
            if (victim < 0 || delta.Holes > 1 || delta.Overflow + delta.Broken > 0)
            {
                Clear(chain);
                continue;
            }

            // A move that opens one hole in someone's day, followed by the best of a few moves that close it again: a
            // pair no single chain makes, which lets the search leave minima where every lone move opens a hole. If
            // that one opens a hole elsewhere, the next is repaired the same way (an ejection chain, a few deep).
            Apply(chain, c1, c2, delta);
            Clear(chain);
            RecordBest();   // fewer holes for more idle slots is still better, even if the move is undone
            steps[0].Clear();
            steps[0].AddRange(chain);
            ends[0] = (c1, c2);
            var depth = 1;
            var total = delta.Cost;
            var accepted = false;
            while (true)
            {
                var found = false;
                var repairDelta = default(Totals);
                var nextVictim = -1;
                for (var attempt = 0; attempt < RepairTries; attempt++)
                {
                    if (!ProposeFor(victim, repair, out var a1, out var a2))
                    {
                        continue;
                    }
                    var d = Evaluate(repair, a1, a2, out var v);
                    Clear(repair);
                    if (!found || d.Cost < repairDelta.Cost)
                    {
                        found = true;
                        repairDelta = d;
                        nextVictim = v;
                        ends[depth] = (a1, a2);
                        steps[depth].Clear();
                        steps[depth].AddRange(repair);
                    }
                }
                if (!found)
                {
                    break;
                }
                var step = steps[depth];
                var (s1, s2) = ends[depth];
                if (Accept(total + repairDelta.Cost, temperature))
                {
                    Mark(step);
                    Apply(step, s1, s2, Evaluate(step, s1, s2, out _));
                    Clear(step);
                    accepted = true;
                    break;
                }
                if (depth == MaxDepth || nextVictim < 0 || repairDelta.Holes > 0 || repairDelta.Overflow + repairDelta.Broken > 0)
                {
                    break;
                }
                Mark(step);
                Apply(step, s1, s2, Evaluate(step, s1, s2, out _));
                Clear(step);
                RecordBest();
                total += repairDelta.Cost;
                victim = nextVictim;
                depth++;
            }
            if (accepted)
            {
                RecordBest();
                continue;
            }
            for (var i = depth - 1; i >= 0; i--)
            {
                var (s1, s2) = ends[i];
                Mark(steps[i]);
                Apply(steps[i], s1, s2, Evaluate(steps[i], s1, s2, out _));
                Clear(steps[i]);
            }
        }
        if (_best is not null)
        {
            Array.Copy(_best, _slot, _n);
        }
        return (_best, _best is null ? long.MaxValue : _bestCost);
    }

    /// <summary>Goes on from another schedule (with fewer holes than the best so far): it becomes the best.</summary>
    private void Restart(int[] slots)
    {
        Array.Copy(slots, _slot, _n);
        Load();
        RecordBest();
    }

    /// <summary>
    /// Raises the hole weight of every participant who has a hole now (and lets all weights fall back slowly), so a
    /// hole that stays where it is costs more and more: the search then tries to put holes elsewhere (guided local search).
    /// </summary>
    private void Penalize(long round)
    {
        var decay = round % PenaltyDecay == 0;
        long weighted = 0;
        for (var p = 0; p < _participants; p++)
        {
            var holes = HoleCount.Of(_occupied[p]);
            if (holes > 0)
            {
                _holeWeight[p] = Math.Min(PenaltyMax, _holeWeight[p] + PenaltyStep);
            }
            else if (decay && _holeWeight[p] > HoleWeight)
            {
                _holeWeight[p]--;
            }
            weighted += _holeWeight[p] * holes;
        }
        _totals.Weighted = weighted;
    }

    /// <summary>Rebuilds the search state (who is where, per-slot loads, totals) from <see cref="_slot"/>.</summary>
    private void Load()
    {
        Array.Fill(_at, -1);
        Array.Clear(_occupied);
        Array.Clear(_load);
        for (var m = 0; m < _n; m++)
        {
            for (var r = _resourceStart[m]; r < _resourceStart[m + 1]; r++)
            {
                _at[_resourceList[r] * _slots + _slot[m]] = m;
            }
            _occupied[_a[m]] |= 1UL << _slot[m];
            _occupied[_b[m]] |= 1UL << _slot[m];
            _load[_slot[m]]++;
        }
        _totals = default;
        Array.Fill(_holedAt, -1);
        _holedCount = 0;
        for (var p = 0; p < _participants; p++)
        {
            TrackHoles(p);
            _totals.Holes += HoleCount.Of(_occupied[p]);
            _totals.Weighted += _holeWeight[p] * HoleCount.Of(_occupied[p]);
            _totals.Idle += HoleCount.IdleSlots(_occupied[p]);
        }
        for (var t = 0; t < _slots; t++)
        {
            _totals.Overflow += Math.Max(0, _load[t] - _problem.Tables);
        }
        for (var m = 0; m < _n; m++)
        {
            foreach (var b in _mustPrecede[m])
            {
                _totals.Broken += _slot[b] >= _slot[m] ? 1 : 0;
            }
        }
    }

    private bool Accept(long delta, double temperature) => delta <= 0 || _random.NextDouble() < Math.Exp(-delta / temperature);

    private void RecordBest()
    {
        if (_totals.Overflow + _totals.Broken != 0)
        {
            return;
        }
        var cost = _totals.PlainCost;
        if (_totals.Holes < _bestHoles || (_totals.Holes == _bestHoles && cost < _bestCost))
        {
            _bestHoles = _totals.Holes;
            _bestCost = cost;
            _best ??= new int[_n];
            Array.Copy(_slot, _best, _n);
            _bestVersion++;
        }
    }

    /// <summary>A random move as a Kempe chain in <paramref name="chain"/> between c1 and c2 (members marked); false if none.</summary>
    private bool Propose(List<int> chain, out int c1, out int c2)
    {
        chain.Clear();
        // Half the moves go to participants with holes, pulling a meeting next to the rest of their day.
        if (_random.Next(2) == 0)
        {
            c1 = c2 = -1;
            return _holedCount > 0 && ProposeFor(_holed[_random.Next(_holedCount)], chain, out c1, out c2);
        }
        var m0 = _random.Next(_n);
        c1 = _slot[m0];
        c2 = RandomAllowed(m0);
        return Chain(chain, m0, c2);
    }

    /// <summary>
    /// A move of one of the participant's meetings: either out of the back-to-back window that holds most of its day
    /// into a free slot of that window, or into a free slot next to its day.
    /// </summary>
    private bool ProposeFor(int participant, List<int> chain, out int c1, out int c2)
    {
        chain.Clear();
        var occupied = _occupied[participant];
        var mine = _meetingsOf[participant];
        if (_windows[participant].Length > 0 && _random.Next(100) < WindowMovePercent)
        {
            return ProposeIntoWindow(participant, chain, out c1, out c2);
        }
        var m0 = mine[_random.Next(mine.Length)];
        c1 = _slot[m0];
        c2 = -1;
        var near = ((occupied << 1) | (occupied >> 1)) & ~occupied & _allowed[m0];
        if (near == 0)
        {
            return false;
        }
        c2 = NthSetBit(near, _random.Next(BitOperations.PopCount(near)));
        return Chain(chain, m0, c2);
    }

    /// <summary>
    /// Moves a meeting of the participant into the window (see <see cref="_windows"/>) that holds most of its day, ties
    /// drawn at random: from outside it into a free slot of it. Repeated, such moves make the day back to back even
    /// where it must move far, as across an unavailable slot, which moves next to the day do not.
    /// </summary>
    private bool ProposeIntoWindow(int participant, List<int> chain, out int c1, out int c2)
    {
        var occupied = _occupied[participant];
        var window = 0UL;
        var (most, ties) = (-1, 0);
        foreach (var candidate in _windows[participant])
        {
            var held = BitOperations.PopCount(candidate & occupied);
            if (held > most)
            {
                (window, most, ties) = (candidate, held, 1);
            }
            else if (held == most && _random.Next(++ties) == 0)
            {
                window = candidate;
            }
        }
        c1 = c2 = -1;
        var mine = _meetingsOf[participant];
        var outside = mine.Length - most;   // a day with a hole never fits wholly in one window
        var pick = _random.Next(outside);
        foreach (var m in mine)
        {
            if ((window & (1UL << _slot[m])) == 0 && pick-- == 0)
            {
                var into = window & ~occupied & _allowed[m];
                if (into == 0)
                {
                    return false;
                }
                c1 = _slot[m];
                c2 = NthSetBit(into, _random.Next(BitOperations.PopCount(into)));
                return Chain(chain, m, c2);
            }
        }
        return false;
    }

    /// <summary>The Kempe chain of moving m0 to c2, members marked; false (nothing marked) if a member may not move.</summary>
    private bool Chain(List<int> chain, int m0, int c2)
    {
        chain.Clear();
        var c1 = _slot[m0];
        if (c1 == c2 || _pinned[m0])
        {
            return false;
        }
        // The chain: every meeting linked to m0 through a shared resource, in slots c1 and c2.
        chain.Add(m0);
        _inChain[m0] = true;
        if (!Extend(chain, 0, c1, c2, _at, _inChain))
        {
            Clear(chain);
            return false;
        }
        return true;
    }

    private void Mark(List<int> chain)
    {
        foreach (var e in chain)
        {
            _inChain[e] = true;
        }
    }

    private void Clear(List<int> chain)
    {
        foreach (var e in chain)
        {
            _inChain[e] = false;
        }
    }

    /// <summary>
    /// What swapping the (marked) chain between c1 and c2 would change, leaving its ends in the touched list for
    /// <see cref="Apply"/>; <paramref name="victim"/> is a participant the move would give one more hole (-1 if none).
    /// </summary>
    private Totals Evaluate(List<int> chain, int c1, int c2, out int victim)
    {
        // Only the chain's ends change their day: a participant with one meeting in it trades c1 for c2.
        _touched.Clear();
        _stamp++;
        var shift = 0;   // meetings leaving c1 for c2, minus those coming back
        foreach (var e in chain)
        {
            shift += _slot[e] == c1 ? 1 : -1;
            Touch(_a[e]);
            Touch(_b[e]);
        }
        var delta = default(Totals);
        victim = -1;
        var flip = (1UL << c1) | (1UL << c2);
        foreach (var p in _touched)
        {
            if (_inChainCount[p] == 1)
            {
                var before = _occupied[p];
                var after = before ^ flip;
                var more = HoleCount.Of(after) - HoleCount.Of(before);
                delta.Holes += more;
                delta.Weighted += _holeWeight[p] * more;
                delta.Idle += HoleCount.IdleSlots(after) - HoleCount.IdleSlots(before);
                if (more > 0 && (victim < 0 || _random.Next(2) == 0))
                {
                    victim = p;
                }
            }
        }
        var tables = _problem.Tables;
        delta.Overflow = Math.Max(0, _load[c1] - shift - tables) + Math.Max(0, _load[c2] + shift - tables)
            - Math.Max(0, _load[c1] - tables) - Math.Max(0, _load[c2] - tables);
        delta.Broken = _hasPrecedences ? BrokenDelta(chain, c1, c2, _inChain) : 0;
        delta.Shift = shift;
        return delta;
    }

    /// <summary>Swaps the chain just evaluated and adds its change to the totals.</summary>
    private void Apply(List<int> chain, int c1, int c2, Totals delta)
    {
        Swap(chain, c1, c2, _at, _touched);
        _totals.Holes += delta.Holes;
        _totals.Weighted += delta.Weighted;
        _totals.Idle += delta.Idle;
        _totals.Overflow += delta.Overflow;
        _totals.Broken += delta.Broken;
        _load[c1] -= delta.Shift;
        _load[c2] += delta.Shift;
    }

    /// <summary>
    /// Closes the chain from index <paramref name="from"/> on: adds every meeting sharing a resource with a member in
    /// the slot the member moves to. False when a member may not move (or the chain grows too long).
    /// </summary>
    private bool Extend(List<int> chain, int from, int c1, int c2, int[] at, bool[] inChain)
    {
        for (var i = from; i < chain.Count; i++)
        {
            var e = chain[i];
            var to = _slot[e] == c1 ? c2 : c1;
            if ((_allowed[e] & (1UL << to)) == 0 || _pinned[e] || chain.Count > MaxChain)
            {
                return false;
            }
            for (var r = _resourceStart[e]; r < _resourceStart[e + 1]; r++)
            {
                var f = at[_resourceList[r] * _slots + to];
                if (f >= 0 && !inChain[f])
                {
                    inChain[f] = true;
                    chain.Add(f);
                }
            }
        }
        return true;
    }

    /// <summary>Keeps the participant in <see cref="_holed"/> exactly while its day has a hole.</summary>
    private void TrackHoles(int participant)
    {
        var listed = _holedAt[participant];
        if (HoleCount.Of(_occupied[participant]) > 0)
        {
            if (listed < 0)
            {
                _holedAt[participant] = _holedCount;
                _holed[_holedCount++] = participant;
            }
        }
        else if (listed >= 0)
        {
            var last = _holed[--_holedCount];
            _holed[listed] = last;
            _holedAt[last] = listed;
            _holedAt[participant] = -1;
        }
    }

    private void Touch(int participant)
    {
        if (_touchStamp[participant] != _stamp)
        {
            _touchStamp[participant] = _stamp;
            _inChainCount[participant] = 0;
            _touched.Add(participant);
        }
        _inChainCount[participant]++;
    }

    private void Swap(List<int> chain, int c1, int c2, int[] at, List<int> touched)
    {
        foreach (var e in chain)
        {
            for (var r = _resourceStart[e]; r < _resourceStart[e + 1]; r++)
            {
                at[_resourceList[r] * _slots + _slot[e]] = -1;
            }
        }
        foreach (var e in chain)
        {
            _slot[e] = _slot[e] == c1 ? c2 : c1;
            for (var r = _resourceStart[e]; r < _resourceStart[e + 1]; r++)
            {
                at[_resourceList[r] * _slots + _slot[e]] = e;
            }
        }
        var flip = (1UL << c1) | (1UL << c2);
        foreach (var p in touched)
        {
            if (_inChainCount[p] == 1)
            {
                _occupied[p] ^= flip;
                TrackHoles(p);
            }
        }
    }

    /// <summary>How many more precedences the chain would break by swapping c1 and c2 (its members are marked in <paramref name="inChain"/>).</summary>
    private int BrokenDelta(List<int> chain, int c1, int c2, bool[] inChain)
    {
        int After(int m) => inChain[m] ? (_slot[m] == c1 ? c2 : c1) : _slot[m];
        var delta = 0;
        foreach (var e in chain)
        {
            foreach (var b in _mustPrecede[e])
            {
                delta += (After(b) >= After(e) ? 1 : 0) - (_slot[b] >= _slot[e] ? 1 : 0);
            }
            foreach (var a in _mustFollow[e])
            {
                if (!inChain[a])
                {
                    delta += (After(e) >= _slot[a] ? 1 : 0) - (_slot[e] >= _slot[a] ? 1 : 0);
                }
            }
        }
        return delta;
    }
}
