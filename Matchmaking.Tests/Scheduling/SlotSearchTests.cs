using System.Diagnostics;
using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

public sealed class SlotSearchTests
{
    [Test]
    public void ASchedulePolishedElsewhereIsTakenUp()
    {
        // A thousand groups of four participants, each group meeting round robin in three consecutive slots: a planted
        // day without holes. The search starts from its greedy pass and is handed the planted day at its first offer; it
        // must go on from it (and stop there, as no hole is left), not from its own schedule. (With 200 groups the
        // search closes every hole by itself before its first offer, after 1,024 moves.)
        var random = new Random(7);
        var meetings = new List<(int A, int B)>();
        var planted = new List<int>();
        for (var group = 0; group < 1000; group++)
        {
            var (a, b, c, d) = (4 * group, 4 * group + 1, 4 * group + 2, 4 * group + 3);
            var first = random.Next(0, 6);
            meetings.AddRange([(a, b), (c, d), (a, c), (b, d), (a, d), (b, c)]);
            planted.AddRange([first, first, first + 1, first + 1, first + 2, first + 2]);
        }
        var problem = ScheduleProblem.Simple(4000, 8, 2000, meetings);
        var offered = new List<int[]>();
        var search = new SlotSearch(problem, seed: 1, initial: null, pinned: null)
        {
            PolishAfterSeconds = 0,
            Polish = schedule =>
            {
                offered.Add(schedule);
                return offered.Count == 1 ? planted.ToArray() : null;
            },
        };

        var (slots, _) = search.Run(Stopwatch.StartNew(), TimeSpan.FromSeconds(30), () => 0, () => false);

        Assert.That(offered, Is.Not.Empty);
        Assert.That(offered.Select(o => ScheduleChecker.Violations(problem, SmallEvents.Placed(o))), Has.All.Empty);
        Assert.That(problem.Days(offered[0]).Sum(HoleCount.Of), Is.Positive, "the first offer comes before the search has closed every hole");
        Assert.That(slots, Is.EqualTo(planted));
    }
}
