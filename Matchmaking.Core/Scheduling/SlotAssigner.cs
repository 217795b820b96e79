using System.Diagnostics;

namespace Matchmaking.Core.Scheduling;

/// <summary>How long to search and from where.</summary>
/// <param name="Budget">Wall-clock time for the whole search.</param>
/// <param name="Seed">Makes a run repeatable for a given machine load (threads still race for the clock).</param>
/// <param name="Workers">Search threads; 0 for one per core.</param>
/// <param name="Initial">Slots to start from (a previous schedule); -1 or a disallowed slot for none.</param>
/// <param name="Pinned">Meetings that must keep their initial slot (repair after a cancellation).</param>
public sealed record SolveOptions(TimeSpan Budget, int Seed = 1, int Workers = 0, IReadOnlyList<int>? Initial = null, IReadOnlyList<bool>? Pinned = null);

/// <summary>The slot of every meeting, its holes and spread, and the lower bound on holes when one was proven.</summary>
public sealed record SlotSolution(int[] Slots, int Holes, int HolesSpread, int? LowerBound, double Seconds);

/// <summary>
/// Puts every meeting of a <see cref="ScheduleProblem"/> into a slot, fewest holes first. A greedy pass gives a
/// valid start in milliseconds; simulated annealing on Kempe chains (one thread per core) improves it within the
/// budget, while CP-SAT proves lower bounds (see <see cref="CompactCheck"/>): a schedule with as few holes as the
/// bound ends the search. On the thread that proved the bounds, which anneals cooler than the others, every schedule
/// the annealing keeps for a while goes to CP-SAT for an exact step (see <see cref="WindowSearch"/>); all threads go
/// on from what that step finds. Of a schedule one hole above the bound, CP-SAT is also asked whether as many of its
/// participants with a hole as the bound could have one hole each (<see cref="CompactCheck.SolveOneHoleAmong"/>).
/// A schedule no window improves, one hole above the bound, leads to the question whether the bound itself is
/// reachable with one hole per participant (<see cref="CompactCheck.SolveOneHole"/>): either answer ends the search
/// with a proven optimum. Where CP-SAT proved a bound of 2 or more, another thread asks that question of the bound at
/// once: a schedule it finds ends the search, and "none" raises the bound by one. Where fixed or unavailable slots
/// force some day into three blocks, such a schedule is offered instead to a bound that counts holes by day shape
/// (<see cref="CompactCheck.SolveCounted"/>), which can prove it optimal, or at least raise the bound.
/// </summary>
public static class SlotAssigner
{
    /// <summary>Above this many meetings the exact check is skipped: it would take the budget without deciding.</summary>
    public const int ExactCheckMaxMeetings = 1500;

    /// <summary>The share of the budget the exact checks may take on their thread.</summary>
    private const double ExactShare = 0.4;

    /// <summary>
    /// The longest one bound (one k) may take, as a share of the budget: a window neighbourhood's. Longer proofs rarely
    /// pay; at 15% (0.27 s of 1.8 s) ticf-13crafb's bound of 3 (k = 2 refuted, 0.35-0.45 s in the search) was cut off.
    /// </summary>
    private const double ProofShare = 0.25;

    /// <summary>
    /// The window neighbourhoods tried, in order (see <see cref="WindowSearch"/>): days shifted by 1, 2, 3 slots, then
    /// again with the partners of participants with a hole free. Wider ones rarely decide in time.
    /// </summary>
    private static readonly (int Shift, bool FreePartners)[] Neighbourhoods = [(1, false), (2, false), (3, false), (1, true), (2, true), (3, true)];

    /// <summary>The longest one window neighbourhood may take, as a share of the budget.</summary>
    private const double WindowShare = 0.25;

    /// <summary>
    /// The longest the holders' question may take, as a share of the budget. On forum-13crafc it needs 0.15-0.6 s; at a
    /// bound's share (0.27 s of 1.8 s) it was cut off in most of the runs that missed the 1.
    /// </summary>
    private const double HoldersShare = 0.4;

    /// <summary>Where the exact thread's annealing starts each cooling cycle, in holes (see <see cref="SlotSearch.StartTemperature"/>).</summary>
    private const double ExactThreadStartTemperature = 0.5;

    /// <summary>How far past the budget finding a first valid schedule may go, as a multiple of the budget.</summary>
    private const double FeasibilityOverrun = 10;

    /// <exception cref="SchedulingException">
    /// No schedule exists: a check before the search shows it (<see cref="QuickProof"/>), or CP-SAT proved the hard
    /// constraints contradictory.
    /// </exception>
    /// <exception cref="InvalidOperationException">No valid assignment was found in time.</exception>
    public static SlotSolution Solve(ScheduleProblem problem, SolveOptions options, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        if (problem.SlotCount is < 1 or > ScheduleProblem.MaxSlots)
        {
            throw new ArgumentOutOfRangeException(nameof(problem), $"Between 1 and {ScheduleProblem.MaxSlots} slots are supported.");
        }
        if (QuickProof.Find(problem) is { } impossibleWhy)
        {
            throw new SchedulingException(impossibleWhy);
        }
        if (problem.Meetings.Count == 0)
        {
            return new SlotSolution([], 0, 0, 0, clock.Elapsed.TotalSeconds);
        }

        var workers = options.Workers > 0 ? options.Workers : Math.Max(1, Environment.ProcessorCount);
        // CP-SAT needs some tens of milliseconds to start: not worth it on the tiniest budgets.
        var exact = options.Pinned is null && problem.Meetings.Count <= ExactCheckMaxMeetings && options.Budget >= TimeSpan.FromSeconds(0.2);
        // Participants whose own allowed slots force a hole count in the bound without asking CP-SAT.
        var forced = exact ? CompactCheck.ForcedHoles(problem) : [];
        var alone = forced.Count(holes => holes > 0);
        var target = alone;      // holes at which searching stops: the proven lower bound
        int? lowerBound = alone > 0 ? alone : null;
        var results = new (int[]? Slots, long Cost)[workers];
        int[]? optimal = null;   // a schedule with as few holes as the proven bound
        int[]? exactFound = null;  // CP-SAT's schedule (also for searches that have not found a valid one)
        int[]? shared = null;
        var impossible = false;  // CP-SAT proved that no schedule keeps every hard constraint
        Improvement? improved = null;   // the last schedule a window neighbourhood improved
        using var finished = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);   // stops CP-SAT
        // Where some day must have two holes or more, the bounds count holes by day shape too, once the search is stuck.
        var counted = forced.Any(holes => holes > 1);
        // The fewest holes for which that count found a relaxed schedule, or was undecided in time.
        var countedRelaxed = int.MaxValue;
        var askedAgain = int.MaxValue;   // the bound at which the one-hole question was asked (see Polish)
        var askedHolders = new HashSet<string>();   // the holders' questions asked (see Polish), as "k:participants"
        var holdersBound = alone;   // the fewest participants with a hole, as proven (target counts holes, maybe more)
        var atBound = 0;   // the question at the bound for another thread (see AtBound): 1 once wanted, 2 once taken

        void Finish(int[] reached)
        {
            Interlocked.CompareExchange(ref optimal, reached, null);   // as few holes as proven possible: done
            finished.Cancel();
        }

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
        {
            bool Stop() => cancellationToken.IsCancellationRequested || Volatile.Read(ref optimal) is not null || Volatile.Read(ref impossible);
            IReadOnlyList<int>? initial = options.Initial;
            var exactThread = exact && worker == workers - 1;
            if (exactThread)
            {
                // Proves bounds k + 1 = 1, 2, ... while CP-SAT decides quickly; stops at the first schedule it finds.
                var deadline = options.Budget * ExactShare;
                // A bound rarely takes less time than the one before: where less is left than the last proof took, the
                // next would be cut off (15 of 16 such in the whole set of 126 files), and ticf-13crafb's question at
                // the bound (see AtBound) needs the time.
                var lastProof = TimeSpan.Zero;
                for (var k = alone; ; k++)
                {
                    var left = deadline - clock.Elapsed;
                    var found = Volatile.Read(ref shared);
                    if (left < TimeSpan.FromMilliseconds(20) || left < lastProof || Stop()
                        || (found is not null && Evaluate(problem, found).Holes <= k))
                    {
                        break;
                    }
                    // The other threads usually have a valid schedule within a tenth of the budget; none by then hints
                    // at a day packed full or an impossible one: CP-SAT settles which before the bounds go on. (Sooner
                    // would cost that search on every event whose first bound is proven at once.)
                    if (k > alone && workers > 1 && exactFound is null && found is null && clock.Elapsed > options.Budget * 0.1 && !FindFeasible())
                    {
                        return;
                    }
                    var asked = clock.Elapsed;
                    var slots = CompactCheck.Solve(problem, k, TimeSpan.FromTicks(Math.Min(left.Ticks, (options.Budget * ProofShare).Ticks)), finished.Token, out var infeasible);
                    if (slots is not null)
                    {
                        Volatile.Write(ref exactFound, slots);
                        if (Evaluate(problem, slots).Holes <= k)
                        {
                            Finish(slots);
                            return;
                        }
                        break;
                    }
                    if (!infeasible)
                    {
                        break;
                    }
                    lastProof = clock.Elapsed - asked;
                    lowerBound = k + 1;
                    holdersBound = k + 1;
                    Volatile.Write(ref target, k + 1);
                }
                if (exactFound is null && Volatile.Read(ref shared) is null && !Stop() && !FindFeasible())
                {
                    return;
                }
                if (!counted && workers > 1 && target >= 2)
                {
                    askedAgain = target;   // Polish need not ask it again
                    Volatile.Write(ref atBound, 1);
                }
                // This thread goes on from the best schedule found so far, by the other threads or by CP-SAT.
                initial = new[] { Volatile.Read(ref shared), exactFound }.Where(c => c is not null)
                    .OrderBy(c => Evaluate(problem, c!).Holes).FirstOrDefault() ?? options.Initial;
            }
            // Any valid schedule, from CP-SAT: the searches start from it. Like their first phase, it may overrun the
            // budget. False when CP-SAT proved that none exists.
            bool FindFeasible()
            {
                Volatile.Write(ref exactFound, CompactCheck.Solve(problem, problem.ParticipantCount,
                    options.Budget * FeasibilityOverrun - clock.Elapsed, cancellationToken, out var none));
                Volatile.Write(ref impossible, none);
                return !none;
            }

            // The exact thread also offers its search's best schedules to the window neighbourhoods.
            var search = new SlotSearch(problem, options.Seed + worker * 7919, initial, options.Pinned)
            {
                Publish = found => Volatile.Write(ref shared, found),
                Adopt = () => Volatile.Read(ref shared) ?? Volatile.Read(ref exactFound),
                Better = holes => !exactThread && AtBound() is { } optimum ? optimum
                    : Volatile.Read(ref improved) is { } better && better.Holes < holes ? better.Slots : null,
                Polish = exactThread ? Polish : null,
                // Beside another thread, the exact thread anneals cooler: that suits some events (forum-14, ticf-14crafa)
                // and not others (forum-13crafc), so the two together cover both.
                StartTemperature = exactThread && workers > 1 ? ExactThreadStartTemperature : 1,
            };
            results[worker] = search.Run(clock, options.Budget, () => Volatile.Read(ref target), Stop);
            if (results[worker].Slots is { } reached && Evaluate(problem, reached).Holes <= Volatile.Read(ref target))
            {
                Finish(reached);
            }

            // Window neighbourhoods (see WindowSearch) of a schedule the search has kept for a while, narrowest first,
            // each until CP-SAT refutes it, and again from every improvement.
            int[]? Polish(int[] start)
            {
                int[]? current = null;
                var holes = Evaluate(problem, start).Holes;
                var undecided = false;
                // Each exact question below may take what is left of the budget, at most a neighbourhood's share.
                var stepCap = options.Budget * WindowShare;
                TimeSpan StepTime() => options.Budget - clock.Elapsed is var left && left < stepCap ? left : stepCap;
                for (var step = 0; step < Neighbourhoods.Length && !Stop() && holes > Volatile.Read(ref target); step++)
                {
                    var time = StepTime();
                    if (time < TimeSpan.FromMilliseconds(20))
                    {
                        break;
                    }
                    var (shift, freePartners) = Neighbourhoods[step];
                    var found = WindowSearch.Improve(problem, current ?? start, shift, time,
                        finished.Token, out var refuted, freePartners);
                    if (found is not null)
                    {
                        (current, holes, step, undecided) = (found, Evaluate(problem, found).Holes, -1, false);   // from the narrowest again
                        Volatile.Write(ref improved, new Improvement(found, holes));
                    }
                    else if (!refuted)
                    {
                        undecided = true;   // too wide for CP-SAT in time; the next, of another shape, may still decide
                    }
                    if (step == 0 && found is null && HoldersQuestion() is { } fewer)
                    {
                        (current, holes, step, undecided) = (fewer.Slots, fewer.Holes, -1, false);
                        Volatile.Write(ref improved, fewer);
                    }
                }
                // No neighbourhood helped, and the schedule has one hole more than the bound: ask once per bound
                // whether that many participants can have one hole each and everyone else none
                // (CompactCheck.SolveOneHole). At the bound that question is exact: what it finds is optimal, and
                // "none" proves this schedule optimal. It gets the rest of the budget (the other threads go on
                // annealing): a schedule at ticf-13crafb's bound of 3 is found in 1.0 s as the file orders its meetings
                // and in 3-17 s in copies with meetings and participants renumbered; the search alone ends at 4 in 15
                // of 16 runs even with 30 s. At k = 0 it is the bounds' own question, asked again with a
                // neighbourhood's share: it found tic-14crafc.prec25's 0 (0.2-0.4 s) after the bounds' share left it
                // undecided, and on the demo event, undecided in 20 s, the rest of a long budget would take that
                // thread's annealing. Where days forced apart make counting participants weak, the count by day shape
                // asks instead.
                if (!counted && !Stop() && holes - 1 == Volatile.Read(ref target) && holes - 1 <= holdersBound
                    && holes - 1 != askedAgain)
                {
                    askedAgain = holes - 1;
                    var time = holes - 1 == 0 ? StepTime() : options.Budget - clock.Elapsed;
                    var none = false;
                    var found = time < TimeSpan.FromMilliseconds(20) ? null
                        : CompactCheck.SolveOneHole(problem, holes - 1, time, finished.Token, out none);
                    if (none)
                    {
                        lowerBound = holes;
                        Volatile.Write(ref target, holes);
                        Finish(current ?? start);
                    }
                    else if (found is not null && Evaluate(problem, found).Holes is var fewer && fewer < holes)
                    {
                        (current, holes) = (found, fewer);
                        Volatile.Write(ref improved, new Improvement(found, fewer));
                        if (fewer <= Volatile.Read(ref target))
                        {
                            Finish(found);
                        }
                    }
                }
                // Every neighbourhood refuted: perhaps no schedule has fewer holes. The count of holes by day shape may
                // prove it; where it finds a relaxed schedule instead, it narrows the gap by halves from the bound up.
                while (counted && !undecided && !Stop() && holes - 1 >= Volatile.Read(ref target))
                {
                    var time = StepTime();
                    var bound = Volatile.Read(ref target);
                    var k = holes - 1 < countedRelaxed ? holes - 1 : (bound + countedRelaxed - 1) / 2;
                    if (time < TimeSpan.FromMilliseconds(20) || k < bound)
                    {
                        break;
                    }
                    var found = CompactCheck.SolveCounted(problem, k, time, finished.Token, out var none);
                    if (none)
                    {
                        lowerBound = k + 1;
                        Volatile.Write(ref target, k + 1);
                        if (k + 1 == holes)
                        {
                            Finish(current ?? start);
                        }
                    }
                    else if (found is null && k > bound)
                    {
                        // Undecided in time: finding a schedule for a count near the search's tends to take longer than
                        // refuting a lower one, so ask halfway down next.
                        countedRelaxed = k;
                    }
                    else if (found is null)
                    {
                        counted = false;   // undecided at the bound itself: not worth asking again
                    }
                    else
                    {
                        countedRelaxed = k;   // a schedule fits the count of k holes: nothing at k or above is provable
                        if (Evaluate(problem, found).Holes is var fewer && fewer < holes)
                        {
                            current = found;
                            Volatile.Write(ref improved, new Improvement(found, fewer));
                            break;
                        }
                    }
                }
                return current;

                // The holders' question, after the narrowest window, for a schedule one hole above a bound of 1 or
                // more: can at most that bound of its participants with a hole have one hole each, everyone else back
                // to back, with every meeting free to move (CompactCheck.SolveOneHoleAmong)? The windows keep each day
                // near where it is; this keeps only who may have a hole. On forum-13crafc (bound 1) one of the
                // search's two holders can often take the only hole: found in 0.15-0.6 s, where the wider windows ran
                // to their cut-off and the one-hole question over everyone is undecided in 10 s. It may take up to
                // HoldersShare of the budget, and is asked once per bound and holders: the answer depends on nothing
                // else.
                Improvement? HoldersQuestion()
                {
                    var bound = Volatile.Read(ref target);
                    var cap = options.Budget * HoldersShare;
                    var time = options.Budget - clock.Elapsed is var left && left < cap ? left : cap;
                    if (counted || bound < 1 || holes - 1 != bound || time < TimeSpan.FromMilliseconds(20) || Stop())
                    {
                        return null;
                    }
                    var days = problem.Days(current ?? start);
                    var holders = Enumerable.Range(0, days.Length).Where(p => HoleCount.Of(days[p]) > 0).ToHashSet();
                    if (!askedHolders.Add($"{bound}:{string.Join(',', holders.Order())}"))
                    {
                        return null;
                    }
                    var found = CompactCheck.SolveOneHoleAmong(problem, holders, bound, time, finished.Token, out _);
                    return found is not null && Evaluate(problem, found).Holes is var fewer && fewer < holes
                        ? new Improvement(found, fewer) : null;
                }
            }
        });

        // The one-hole question at a bound b of 2 or more, asked at once after the bounds by the first thread that is
        // not the exact one (its annealing waits), with the rest of the budget: a schedule it finds is optimal, and
        // "none" raises the bound to b + 1 (a schedule with b holes gives b participants one hole each), though not
        // the count of participants with a hole, so Polish does not build on it. The exact thread asks it only once
        // its search is one hole above the bound and no window helps: on ticf-13crafb (bound 3), where the question
        // takes 0.9-1.0 s as the file orders its meetings, that came too late within 2 s (3 holes in 12 of 16 runs
        // now, against 0 of 16). Asked on the exact thread instead, it took the time of the window neighbourhoods
        // where they improve: forum-13crafb.original ended at 7.6 holes on average against 6.4. At a bound of 1 it is
        // undecided in 10 s on forum-13crafc, whose hotter annealing finds the 1.
        int[]? AtBound()
        {
            if (Interlocked.CompareExchange(ref atBound, 2, 1) != 1)
            {
                return null;
            }
            var bound = Volatile.Read(ref target);
            var time = options.Budget - clock.Elapsed;
            var found = CompactCheck.SolveOneHole(problem, bound, time, finished.Token, out var none);
            if (none)
            {
                lowerBound = bound + 1;
                Volatile.Write(ref target, bound + 1);
            }
            else if (found is not null && Evaluate(problem, found).Holes <= bound)
            {
                Finish(found);
            }
            return found;
        }

        if (impossible)
        {
            throw new SchedulingException("No schedule keeps every constraint at once (tables per slot, unavailable and fixed slots, " +
                "sessions, precedences): CP-SAT proved it.");
        }
        if (optimal is not null)
        {
            return Describe(problem, optimal, lowerBound ?? 0, clock);
        }
        var candidates = results.Where(r => r.Slots is not null).ToList();
        if (exactFound is not null)
        {
            candidates.Add((exactFound, long.MaxValue));   // on equal holes, prefer the search's (fewer idle slots)
        }
        var best = candidates.OrderBy(r => Evaluate(problem, r.Slots!).Holes).ThenBy(r => r.Cost).FirstOrDefault();
        if (best.Slots is null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            throw new InvalidOperationException("No schedule without double bookings was found within the time budget.");
        }
        return Describe(problem, best.Slots, lowerBound, clock);
    }

    private sealed record Improvement(int[] Slots, int Holes);

    private static SlotSolution Describe(ScheduleProblem problem, int[] slots, int? lowerBound, Stopwatch clock)
    {
        var (holes, spread) = Evaluate(problem, slots);
        return new SlotSolution(slots, holes, spread, lowerBound ?? (holes == 0 ? 0 : null), clock.Elapsed.TotalSeconds);
    }

    private static (int Holes, int Spread) Evaluate(ScheduleProblem problem, int[] slots)
    {
        var figures = ScheduleChecker.Figures(problem, slots.Select(s => new Placement(s, 1)).ToList());
        return (figures.Holes, figures.HolesSpread);
    }
}
