using Matchmaking.Core.Matching;

namespace Matchmaking.Tests.Scheduling;

public sealed class MeetingSelectorTests
{
    private static SelectionParticipant Sme(int capacity) => new(true, capacity, "SME");

    private static SelectionParticipant Tech(int capacity) => new(false, capacity, "Tech");

    [Test]
    public void TheBestPairsAreChosenWithinCapacities()
    {
        // SMEs 0, 1; tech 2, 3. Each can meet once. Best total: 0-2 (0.9) + 1-3 (0.8), not 0-3 (0.95) + 1-2 (0.1).
        var selection = MeetingSelector.Select([Sme(1), Sme(1), Tech(1), Tech(1)],
            [new(0, 2, 0.9f), new(1, 3, 0.8f), new(0, 3, 0.95f), new(1, 2, 0.1f)], roomCapacity: 10);

        Assert.That(selection.Meetings.Select(m => (m.A, m.B)), Is.EquivalentTo(new[] { (0, 2), (1, 3) }));
    }

    [Test]
    public void EveryoneGetsAFirstMeetingBeforeAnyoneGetsASecond()
    {
        // Tech 2 is everybody's favourite, but SME 1 gets its only possible meeting (with 3) before SME 0 gets a second.
        var selection = MeetingSelector.Select([Sme(2), Sme(2), Tech(2), Tech(1)],
            [new(0, 2, 1.0f), new(0, 3, 0.9f), new(1, 3, 0.05f)], roomCapacity: 10);

        Assert.That(selection.Meetings.Select(m => (m.A, m.B)), Is.EquivalentTo(new[] { (0, 2), (1, 3) }));
    }

    [Test]
    public void ForcedPairsAreAlwaysInAndImpossibleOnesSayWhy()
    {
        var selection = MeetingSelector.Select([Sme(1), Tech(1), Tech(1), Sme(1)],
            [new(0, 1, 0.1f, Forced: true), new(0, 2, 0.2f, Forced: true), new(3, 0, 0.5f, Forced: true), new(0, 2, 0.99f)], roomCapacity: 10);

        Assert.That(selection.Meetings.Select(m => (m.A, m.B)), Does.Contain((0, 1)));
        Assert.That(selection.Rejected.Select(r => r.Why), Has.Some.Contains("no free meeting left"));
        Assert.That(selection.Rejected.Select(r => r.Why), Has.Some.Contains("same side"));
    }

    [Test]
    public void WithoutCrossSideRulesAForcedSameSidePairIsIn()
    {
        var selection = MeetingSelector.Select([Sme(1), Sme(1)], [new(0, 1, 0.5f, Forced: true)], roomCapacity: 10, sameSideForced: true);

        Assert.That(selection.Meetings, Has.Count.EqualTo(1));
        Assert.That(selection.Rejected, Is.Empty);
    }

    [Test]
    public void TheRoomCapsTheNumberOfMeetings()
    {
        var selection = MeetingSelector.Select([Sme(3), Tech(3), Tech(3), Tech(3)],
            [new(0, 1, 0.5f), new(0, 2, 0.6f), new(0, 3, 0.7f)], roomCapacity: 2);

        Assert.That(selection.Meetings, Has.Count.EqualTo(2));
        Assert.That(selection.CapacityBound, Is.EqualTo(3), "both sides' capacities; the room is the caller's bound");
        Assert.That(selection.Meetings.Select(m => m.B), Is.EquivalentTo(new[] { 2, 3 }));
    }

    [Test]
    public void AnyToAnyPairsFormATriangleWhenCapacitiesAllowIt()
    {
        // Three participants of one side (no cross-side rule) who may each meet twice: all three pairs, an odd cycle no
        // bipartite flow can hold.
        SelectionParticipant Other(int capacity) => new(false, capacity, "Other");

        var selection = MeetingSelector.Select([Other(2), Other(2), Other(2), Other(1)],
            [new(0, 1, 0.9f), new(1, 2, 0.8f), new(0, 2, 0.7f), new(2, 3, 0.1f)], roomCapacity: 10);

        // Fairness first: participant 3's only meeting beats the weakest triangle edge.
        Assert.That(selection.Meetings.Select(m => (m.A, m.B)), Is.EquivalentTo(new[] { (0, 1), (1, 2), (2, 3) }));
        Assert.That(selection.CapacityBound, Is.EqualTo(3));
    }

    [Test]
    public void AnyToAnySelectionIsOptimalOnSmallRandomGraphs()
    {
        var random = new Random(11);
        for (var round = 0; round < 60; round++)
        {
            var participants = Enumerable.Range(0, random.Next(3, 7)).Select(i => new SelectionParticipant(random.Next(2) == 0, random.Next(0, 4), $"Org {i}")).ToList();
            var pairs = new List<CandidatePair>();
            for (var a = 0; a < participants.Count; a++)
            {
                for (var b = a + 1; b < participants.Count; b++)
                {
                    if (random.Next(3) > 0 && pairs.Count < 12)
                    {
                        pairs.Add(new CandidatePair(a, b, (float)Math.Round(random.NextDouble(), 3)));
                    }
                }
            }
            var room = random.Next(1, 8);

            var selection = MeetingSelector.Select(participants, pairs, room, seconds: 5);

            var best = long.MinValue;
            for (var mask = 0; mask < 1 << pairs.Count; mask++)
            {
                var subset = pairs.Where((_, i) => (mask & (1 << i)) != 0).ToList();
                if (subset.Count <= room && Fits(participants, subset))
                {
                    best = Math.Max(best, Value(participants, subset));
                }
            }
            Assert.That(Fits(participants, selection.Meetings.ToList()) && selection.Meetings.Count <= room, $"round {round}");
            Assert.That(Value(participants, selection.Meetings.ToList()), Is.EqualTo(best), $"round {round}");
        }

        static bool Fits(List<SelectionParticipant> participants, List<CandidatePair> subset) =>
            Enumerable.Range(0, participants.Count).All(p => subset.Count(m => m.A == p || m.B == p) <= participants[p].Capacity);

        // The selector's objective: per participant, the k-th meeting is worth FairnessStep less than the (k-1)-th;
        // each meeting adds its score (per mille).
        static long Value(List<SelectionParticipant> participants, List<CandidatePair> subset)
        {
            var top = participants.Max(p => p.Capacity);
            long value = subset.Sum(m => (long)Math.Round(m.Score * 1000));
            for (var p = 0; p < participants.Count; p++)
            {
                var count = subset.Count(m => m.A == p || m.B == p);
                for (var k = 1; k <= count; k++)
                {
                    value += MeetingSelector.FairnessStep * (top + 1 - k);
                }
            }
            return value;
        }
    }

    [Test]
    public void RandomSelectionsRespectEveryCapacity()
    {
        var random = new Random(3);
        for (var round = 0; round < 200; round++)
        {
            var participants = Enumerable.Range(0, random.Next(2, 30)).Select(i => new SelectionParticipant(i % 2 == 0, random.Next(0, 5), $"Org {i}")).ToList();
            var pairs = new List<CandidatePair>();
            for (var a = 0; a < participants.Count; a += 2)
            {
                for (var b = 1; b < participants.Count; b += 2)
                {
                    if (random.Next(3) == 0)
                    {
                        pairs.Add(new CandidatePair(a, b, (float)random.NextDouble(), Forced: random.Next(20) == 0));
                    }
                }
            }
            var room = random.Next(1, 40);

            var selection = MeetingSelector.Select(participants, pairs, room);

            var load = new int[participants.Count];
            foreach (var meeting in selection.Meetings)
            {
                load[meeting.A]++;
                load[meeting.B]++;
            }
            Assert.That(Enumerable.Range(0, participants.Count).All(p => load[p] <= participants[p].Capacity), $"round {round}");
            Assert.That(selection.Meetings, Has.Count.LessThanOrEqualTo(room));
            Assert.That(selection.Meetings.Select(m => (Math.Min(m.A, m.B), Math.Max(m.A, m.B))), Is.Unique);
            Assert.That(pairs.Where(p => p.Forced).All(p => selection.Meetings.Contains(p) || selection.Rejected.Any(r => r.Pair == p)));
        }
    }
}
