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
