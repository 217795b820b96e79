using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class TeamsApiTests : ApiTests
{
    private async Task<(long EventId, Dictionary<string, long> Ids)> HackathonAsync(string name, string format = "hackathon")
    {
        var created = await Client.PostAsJsonAsync("/events", ExpertVisitsApiTests.FormatEvent(name, format));
        created.EnsureSuccessStatusCode();
        var eventId = (await created.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[]
        {
            new { externalId = "dairy", organization = "Dairy", role = "traditional-sme", needs = "Our cows fall ill before we notice." },
            new { externalId = "bakery", organization = "Bakery", role = "traditional-sme", needs = "We throw away too much unsold bread." },
            new { externalId = "hotel", organization = "Hotel", role = "traditional-sme", needs = "Our rooms stay empty in winter." },
            new { externalId = "mill", organization = "Mill", role = "traditional-sme", offers = "Flour." , needs = "Bread that does not sell goes to waste." },
            new { externalId = "collars", organization = "Collars", role = "tech-provider", offers = "Cattle collars that detect illness early." },
            new { externalId = "forecast", organization = "Forecast", role = "tech-provider", offers = "Demand forecasting for bakeries." },
            new { externalId = "pricing", organization = "Pricing", role = "expert", offers = "Dynamic pricing for rural hotels." },
            new { externalId = "vision", organization = "Vision", role = "tech-provider", offers = "Camera-based animal health monitoring." },
            new { externalId = "bank", organization = "Bank", role = "other", offers = "Loans for digital projects." },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return (eventId, body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("externalId").GetString()!, i => i.GetProperty("id").GetInt64()));
    }

    [Test]
    public async Task TeamsFormAroundChallengesWithBothSidesAndAreListed()
    {
        var (eventId, ids) = await HackathonAsync("Tech + AgriFood hackathon");

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/teams?seconds=1", new { teamSize = 3 });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var teams = body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(teams, Has.Count.EqualTo(3), "8 who can join, teams of 3: three challenges");
        var members = teams.SelectMany(t => t.GetProperty("members").EnumerateArray()).ToList();
        Assert.That(members.Select(m => m.GetProperty("participantId").GetInt64()), Is.Unique);
        Assert.That(members.Select(m => m.GetProperty("participantId").GetInt64()), Does.Not.Contain(ids["bank"]));
        Assert.That(members.Select(m => m.GetProperty("reason").GetString()), Is.All.Not.Empty);
        var sizes = teams.Select(t => t.GetProperty("members").GetArrayLength()).ToList();
        Assert.That(sizes.Max() - sizes.Min(), Is.LessThanOrEqualTo(1));
        foreach (var team in teams)
        {
            var roles = team.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("role").GetString()).ToList();
            Assert.That(roles[0], Is.EqualTo("challenge-owner"));
            Assert.That(roles, Does.Contain("tech"), team.ToString());
            Assert.That(team.GetProperty("challenge").GetString(), Is.Not.Empty);
        }
        var dairy = teams.SingleOrDefault(t => t.GetProperty("challengeSmeId").GetInt64() == ids["dairy"]);
        Assert.That(dairy.ValueKind, Is.EqualTo(JsonValueKind.Object), body.ToString());
        Assert.That(dairy.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("participantId").GetInt64()), Does.Contain(ids["collars"]));
        var objective = body.GetProperty("objective");
        Assert.That(objective.GetProperty("value").GetDouble(), Is.GreaterThan(0));
        Assert.That(objective.GetProperty("value").GetDouble(), Is.LessThanOrEqualTo(objective.GetProperty("bound").GetDouble() + 1e-6));

        var listed = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/teams");
        Assert.That(listed.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
        Assert.That(listed.GetProperty("objective").GetProperty("value").GetDouble(), Is.EqualTo(objective.GetProperty("value").GetDouble()));
    }

    [Test]
    public async Task GivenChallengesAreTheOnesTeamsFormAroundAndANewFormationReplacesTheOld()
    {
        var (eventId, ids) = await HackathonAsync("Chosen challenges");
        (await Client.PostAsJsonAsync($"/events/{eventId}/teams?seconds=1", new { teamSize = 3 })).EnsureSuccessStatusCode();

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/teams?seconds=1", new { teamSize = 2, challengeSmeIds = new[] { ids["bakery"], ids["hotel"] } });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var teams = body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(teams.Select(t => t.GetProperty("challengeSmeId").GetInt64()), Is.EquivalentTo(new[] { ids["bakery"], ids["hotel"] }));
        Assert.That(teams.Select(t => t.GetProperty("members").GetArrayLength()), Is.All.EqualTo(2));
        Assert.That(teams.Single(t => t.GetProperty("challengeSmeId").GetInt64() == ids["hotel"]).GetProperty("members")[1].GetProperty("participantId").GetInt64(),
            Is.EqualTo(ids["pricing"]));
        Assert.That(body.GetProperty("unassigned").GetArrayLength(), Is.EqualTo(4));
        Assert.That((await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/teams")).GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }

    [Test]
    public async Task BadInputIsAnsweredWithProblemDetails()
    {
        var (eventId, ids) = await HackathonAsync("Bad teams");
        var (matchmakingId, _) = await HackathonAsync("Not a hackathon", "matchmaking");

        await (await Client.GetAsync($"/events/{eventId}/teams")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams", new { teamSize = 1 })).AssertValidationProblemAsync("teamSize");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams", new { })).AssertValidationProblemAsync("teamSize");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams?seconds=0", new { teamSize = 3 })).AssertValidationProblemAsync("seconds");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams", new { teamSize = 3, challengeSmeIds = new[] { ids["dairy"], ids["dairy"] } }))
            .AssertValidationProblemAsync("challengeSmeIds");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams", new { teamSize = 3, challengeSmeIds = new[] { 999_999L } })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsJsonAsync($"/events/{eventId}/teams", new { teamSize = 3, challengeSmeIds = new[] { ids["dairy"], ids["collars"] } }))
            .AssertValidationProblemAsync("challengeSmeIds[1]");
        await (await Client.PostAsJsonAsync($"/events/{matchmakingId}/teams", new { teamSize = 3 })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Client.PostAsJsonAsync("/events/999999/teams", new { teamSize = 3 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await App.Client(MatchmakingApp.KeyB).GetAsync($"/events/{eventId}/teams")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
