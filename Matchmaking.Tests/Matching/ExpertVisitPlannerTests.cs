using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using Matchmaking.Core.Scheduling;
using Matchmaking.Core.Scoring;
using static Matchmaking.Tests.Scoring.FeatureExtractorTests;

namespace Matchmaking.Tests.Matching;

public sealed class ExpertVisitPlannerTests
{
    private static readonly float[] HerdHealth = [1, 0, 0, 0];
    private static readonly float[] Milking = [0, 1, 0, 0];
    private static readonly float[] Energy = [0, 0, 1, 0];

    // Five morning slots (0-4) and two afternoon slots (5-6).
    private static readonly IReadOnlyList<Slot> Slots = SlotPlanner.Plan(new EventSpec("Visits", "", EventFormat.ExpertVisits, "Europe/Madrid",
        [
            new EventSession("morning", new DateTime(2027, 3, 18, 9, 0, 0), new DateTime(2027, 3, 18, 10, 40, 0)),
            new EventSession("afternoon", new DateTime(2027, 3, 18, 14, 0, 0), new DateTime(2027, 3, 18, 14, 40, 0)),
        ], 20, 0, 1, new MeetingRules(true, null, null)));

    private static readonly Candidate Sme = new(1, Profile(ParticipantRole.TraditionalSme, TextVectors.Empty,
        Text(("Our cows fall ill.", HerdHealth), ("Our milking robot jams.", Milking), ("Our cooling tank wastes energy.", Energy),
            ("Our cows get sick.", HerdHealth))));

    private static Candidate Expert(long id, params float[] offer)
    {
        var norm = MathF.Sqrt(offer.Sum(v => v * v));
        return new(id, Profile(ParticipantRole.Expert, Text(($"Expert {id} offer.", offer.Select(v => v / norm).ToArray())), TextVectors.Empty));
    }

    // Two near-duplicates that know herd health and milking, one energy expert, one who knows little that helps.
    private static readonly Candidate[] Experts =
    [
        Expert(10, 0.8f, 0.6f, 0, 0),
        Expert(11, 0.78f, 0.6f, 0, 0.17f),
        Expert(12, 0, 0, 0.7f, 0.714f),
        Expert(13, 0.3f, 0, 0, 0.954f),
    ];

    private static ExpertVisitPlan Plan(int count, Dictionary<long, IReadOnlySet<int>>? busy = null, IReadOnlyList<Candidate>? experts = null) =>
        ExpertVisitPlanner.Plan(Sme, experts ?? Experts, count, Slots, busy ?? [], topic: null, new WeightedScorer());

    [Test]
    public void NeedsSaidTwiceCountOnce()
    {
        var needs = NeedCoverage.Distinct(Sme.Profile.Vectors.Needs);

        Assert.That(needs.Select(n => n.Text), Is.EqualTo(new[] { "Our cows fall ill.", "Our milking robot jams.", "Our cooling tank wastes energy." }));
    }

    [Test]
    public void CoverageBeatsStackingNearDuplicateExperts()
    {
        var needs = NeedCoverage.Distinct(Sme.Profile.Vectors.Needs);
        var similarity = Experts.Select(e => NeedCoverage.Similarities(needs, e.Profile.Vectors.Offers).Select(s => s.Similarity).ToArray()).ToList();
        // The k nearest to the whole needs text are the two near-duplicates.
        var whole = Sme.Profile.Vectors.Needs.Mean!;
        var nearest = Enumerable.Range(0, Experts.Length)
            .OrderByDescending(e => System.Numerics.Tensors.TensorPrimitives.Dot(whole, Experts[e].Profile.Vectors.Offers.Vectors[0])).Take(2).ToList();
        Assert.That(nearest.Select(e => Experts[e].Id), Is.EquivalentTo(new long[] { 10, 11 }));

        var plan = Plan(2);

        Assert.That(plan.Visits.Select(v => v.ExpertId), Is.EquivalentTo(new long[] { 10, 12 }));
        Assert.That(plan.Coverage, Is.GreaterThan(NeedCoverage.Value(similarity, needs.Count, nearest) + 0.5));
        Assert.That(plan.Uncovered, Is.Empty);
        Assert.That(plan.Visits.Single(v => v.ExpertId == 12).Need, Is.EqualTo("Our cooling tank wastes energy."));
        Assert.That(plan.Visits.Single(v => v.ExpertId == 10).Need, Is.EqualTo("Our cows fall ill."));
        Assert.That(plan.Visits.Select(v => v.Reasons.Count), Is.All.GreaterThan(0));
        Assert.That(plan.Visits.Single(v => v.ExpertId == 12).Reasons[0].Text, Does.Contain("Our cooling tank wastes energy."));
    }

    [Test]
    public void NeedsNoChosenExpertCoversAreListed()
    {
        var plan = Plan(1);

        Assert.That(plan.Visits.Single().ExpertId, Is.EqualTo(10));
        Assert.That(plan.Uncovered.Select(u => u.Need), Is.EqualTo(new[] { "Our cooling tank wastes energy." }));
        Assert.That(plan.NeedCount, Is.EqualTo(3));
    }

    [Test]
    public void VisitsAreBackToBackInSlotsTheSmeAndEachExpertHaveFree()
    {
        var busy = new Dictionary<long, IReadOnlySet<int>> { [1] = new HashSet<int> { 1 }, [10] = new HashSet<int> { 3 } };

        var plan = Plan(2, busy);

        var slots = plan.Visits.Select(v => v.Slot).ToList();
        Assert.That(slots, Is.EqualTo(new[] { 2, 3 }), "the first free pair of consecutive slots for the SME");
        Assert.That(plan.Visits.Single(v => v.ExpertId == 10).Slot, Is.EqualTo(2), "expert 10 is busy in slot 3");
    }

    [Test]
    public void VisitsStayWithinOneSession()
    {
        var busy = new Dictionary<long, IReadOnlySet<int>> { [1] = new HashSet<int> { 0, 1, 2, 3 } };

        var plan = Plan(2, busy);

        Assert.That(plan.Visits.Select(v => v.Slot), Is.EqualTo(new[] { 5, 6 }), "slots 4 and 5 are in different sessions");
    }

    [Test]
    public void AnExpertBusyInEveryFreeWindowGivesWayToTheNextBest()
    {
        var busy = new Dictionary<long, IReadOnlySet<int>> { [12] = new HashSet<int> { 0, 1, 2, 3, 4, 5, 6 } };

        var plan = Plan(2, busy);

        Assert.That(plan.Visits.Select(v => v.ExpertId), Does.Not.Contain(12L));
        Assert.That(plan.Visits, Has.Count.EqualTo(2));
    }

    [Test]
    public void NoRunOfFreeSlotsLongEnoughIsAConflict()
    {
        var busy = new Dictionary<long, IReadOnlySet<int>> { [1] = new HashSet<int> { 1, 3, 6 } };

        Assert.That(() => Plan(3, busy), Throws.TypeOf<SchedulingException>().With.Message.Contains("consecutive"));
    }
}
