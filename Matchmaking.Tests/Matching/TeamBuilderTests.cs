using Matchmaking.Core.Embeddings;
using Matchmaking.Core.Matching;
using Matchmaking.Core.Profiles;
using static Matchmaking.Tests.Scoring.FeatureExtractorTests;

namespace Matchmaking.Tests.Matching;

public sealed class TeamBuilderTests
{
    private static readonly float[] X = [1, 0, 0];
    private static readonly float[] Y = [0, 1, 0];

    [Test]
    public void EachChallengeGetsTheTechWhoseOfferFitsIt()
    {
        Candidate[] people =
        [
            new(1, Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("Our vines dry out.", X)))),
            new(2, Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("Our trucks run empty.", Y)))),
            new(3, Profile(ParticipantRole.TechProvider, Text(("Route planning.", Y)), TextVectors.Empty)),
            new(4, Profile(ParticipantRole.Expert, Text(("Soil moisture sensing.", X)), TextVectors.Empty)),
        ];

        var formation = TeamBuilder.Build(people, 2, null, TimeSpan.FromSeconds(5));

        Assert.That(formation.Teams.Select(t => (t.ChallengeSmeId, t.Members[1].ParticipantId)), Is.EquivalentTo(new[] { (1L, 4L), (2L, 3L) }));
        Assert.That(formation.Objective.Status, Is.EqualTo("optimal"));
        Assert.That(formation.Objective.TotalFit, Is.EqualTo(2).Within(1e-3));
        Assert.That(formation.Objective.Value, Is.EqualTo(2 + TeamBuilder.BalanceWeight * 2 * 1).Within(1e-3));
        Assert.That(formation.Teams.SelectMany(t => t.Members).Select(m => m.Reason), Has.All.Not.Empty);
        Assert.That(formation.Teams[0].Members[1].Reason, Does.Contain("Soil moisture sensing.").And.Contain("Our vines dry out."));
    }

    [Test]
    [SetCulture("de-DE")]
    public void TeamsFormUnderACommaDecimalCulture()
    {
        // CP-SAT reads its time limit from text: "1,500" would abort the whole process.
        Candidate[] people =
        [
            new(1, Profile(ParticipantRole.TraditionalSme, TextVectors.Empty, Text(("Our vines dry out.", X)))),
            new(2, Profile(ParticipantRole.TechProvider, Text(("Soil moisture sensing.", X)), TextVectors.Empty)),
        ];

        var formation = TeamBuilder.Build(people, 2, null, TimeSpan.FromSeconds(1.5));

        Assert.That(formation.Teams.Single().Members.Select(m => m.ParticipantId), Is.EquivalentTo(new[] { 1L, 2L }));
    }

    [TestCase(40, 4, 40, 0.5, TestName = "TeamsAreValidOnRandomInputs")]
    [TestCase(4, 60, 140, 1.0, TestName = "TeamsAreValidOnRandomInputsWithManyTeams")]
    public void TeamsAreValidOnRandomInputs(int instances, int minPeople, int maxPeople, double seconds)
    {
        var random = new Random(42 + maxPeople);
        for (var instance = 0; instance < instances; instance++)
        {
            var people = RandomPeople(random, random.Next(minPeople, maxPeople));
            var smes = people.Where(p => TeamBuilder.CanBringChallenge(p.Profile)).ToList();
            var tech = people.Count(p => Sides.IsTechSide(p.Profile.Profile.Role));
            if (smes.Count == 0 || tech == 0)
            {
                continue;
            }
            var teamSize = random.Next(2, 7);
            IReadOnlyList<long>? challenges = random.Next(2) == 0
                ? null
                : smes.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(smes.Count, tech) + 1)).Select(s => s.Id).ToList();

            var formation = TeamBuilder.Build(people, teamSize, challenges, TimeSpan.FromSeconds(seconds));

            var context = $"instance {instance}: {people.Count} people, size {teamSize}, challenges {(challenges is null ? "chosen" : string.Join(",", challenges))}";
            var byId = people.ToDictionary(p => p.Id);
            var teams = formation.Teams;
            Assert.That(teams, Is.Not.Empty, context);
            if (challenges is not null)
            {
                Assert.That(teams.Select(t => t.ChallengeSmeId), Is.EquivalentTo(challenges), context);
            }
            var members = teams.SelectMany(t => t.Members).ToList();
            Assert.That(members.Select(m => m.ParticipantId).Concat(formation.Unassigned), Is.Unique, "nobody twice: " + context);
            Assert.That(teams.Max(t => t.Members.Count) - teams.Min(t => t.Members.Count), Is.LessThanOrEqualTo(1), "sizes within one: " + context);
            Assert.That(teams.Select(t => t.Members.Count), Is.All.LessThanOrEqualTo(teamSize), context);
            Assert.That(members.Select(m => m.Reason), Is.All.Not.Empty, context);
            Assert.That(members.Select(m => byId[m.ParticipantId].Profile.Profile.Role), Has.None.EqualTo(ParticipantRole.Other), context);
            foreach (var team in teams)
            {
                Assert.That(team.Members[0].ParticipantId, Is.EqualTo(team.ChallengeSmeId), context);
                Assert.That(byId[team.ChallengeSmeId].Profile.Profile.Role, Is.EqualTo(ParticipantRole.TraditionalSme), context);
                Assert.That(team.Members.Count(m => Sides.IsTechSide(byId[m.ParticipantId].Profile.Profile.Role)), Is.GreaterThanOrEqualTo(1),
                    "both sides: " + context);
            }
            var pool = people.Count(p => TeamBuilder.CanJoin(p.Profile.Profile.Role));
            Assert.That(members.Count, Is.EqualTo(Math.Min(pool, teams.Count * teamSize)), "as many in teams as the sizes allow: " + context);
            var objective = formation.Objective;
            Assert.That(objective.Value, Is.LessThanOrEqualTo(objective.Bound + 1e-6), context + " " + objective);
            Assert.That(objective.TotalFit, Is.LessThanOrEqualTo(objective.BestTotalFit + 1e-6), "the flow's total is the best: " + context);
            Assert.That(objective.Value,
                Is.EqualTo(objective.TotalFit + TeamBuilder.BalanceWeight * teams.Count * objective.WeakestTeamFit).Within(2e-3), context);
        }
    }

    private static List<Candidate> RandomPeople(Random random, int count)
    {
        float[] Vector()
        {
            var v = Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            var norm = MathF.Sqrt(v.Sum(x => x * x));
            return v.Select(x => x / norm).ToArray();
        }
        TextVectors Sentences(string kind) => random.Next(5) == 0
            ? TextVectors.Empty
            : Text(Enumerable.Range(0, random.Next(1, 4)).Select(i => ($"{kind} {i}.", Vector())).ToArray());
        var people = new List<Candidate>();
        for (var i = 0; i < count; i++)
        {
            var role = (ParticipantRole)random.Next(4);
            var tech = Sides.IsTechSide(role);
            people.Add(new Candidate(i + 1, Profile(role, tech ? Sentences("Offer") : TextVectors.Empty, tech ? TextVectors.Empty : Sentences("Need"))));
        }
        return people;
    }
}
