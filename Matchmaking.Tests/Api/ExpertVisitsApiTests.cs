using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class ExpertVisitsApiTests : ApiTests
{
    /// <summary>An expert-visits event: two dairies, two near-duplicate herd-health experts, an energy expert, a staffing expert, a hotel-pricing expert.</summary>
    private async Task<(long EventId, Dictionary<string, long> Ids)> VisitEventAsync(string name, string format = "expert-visits")
    {
        var created = await Client.PostAsJsonAsync("/events", FormatEvent(name, format));
        created.EnsureSuccessStatusCode();
        var eventId = (await created.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[]
        {
            new { externalId = "dairy", organization = "Dairy", role = "traditional-sme", unavailableSlots = new[] { 0 },
                needs = "Our cows fall ill before we notice. The milk cooling tank uses far too much electricity. We cannot find staff for the weekend milking shifts." },
            new { externalId = "farm", organization = "Goat Farm", role = "traditional-sme", needs = "Our goats fall ill before anyone notices. Electricity bills for cooling doubled." },
            new { externalId = "vet1", organization = "Herd Health Lab", role = "expert", offers = "Early detection of illness in dairy cows with sensor collars." },
            new { externalId = "vet2", organization = "Cattle Sensing", role = "expert", offers = "Sensor collars that detect sickness in dairy cattle early." },
            new { externalId = "energy", organization = "Energy Advisors", role = "expert", offers = "Energy audits that cut the electricity use of milk cooling and refrigeration." },
            new { externalId = "staff", organization = "Shift Planner", role = "expert", offers = "Staff scheduling software that fills weekend shifts on farms." },
            new { externalId = "hotels", organization = "Hotel Pricing", role = "expert", offers = "Dynamic room pricing for rural hotels." },
            new { externalId = "vendor", organization = "Vendor", role = "tech-provider", offers = "Milking robots." },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return (eventId, body.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("externalId").GetString()!, i => i.GetProperty("id").GetInt64()));
    }

    internal static object FormatEvent(string name, string format) => TestRequests.Event(name, format: format, topic: "Digital tools for dairy farms.");

    private static List<JsonElement> Visits(JsonElement plan) => plan.GetProperty("visits").EnumerateArray().ToList();

    [Test]
    public async Task APlanCoversDistinctNeedsBackToBackAndIsStored()
    {
        var (eventId, ids) = await VisitEventAsync("Dairy visits");

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"] });

        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), plan.ToString());
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/events/{eventId}/expert-visits/{plan.GetProperty("id").GetInt64()}"));
        var visits = Visits(plan);
        Assert.That(visits, Has.Count.EqualTo(3), "three experts by default");
        var experts = visits.Select(v => v.GetProperty("expertId").GetInt64()).ToList();
        Assert.That(experts, Does.Contain(ids["energy"]).And.Contain(ids["staff"]), plan.ToString());
        Assert.That(experts.Count(e => e == ids["vet1"] || e == ids["vet2"]), Is.EqualTo(1), "one of the two near-duplicate experts: " + plan);
        Assert.That(experts, Does.Not.Contain(ids["vendor"]), "tech providers visit only events without experts");
        var slots = visits.Select(v => v.GetProperty("slot").GetInt32()).ToList();
        Assert.That(slots, Is.EqualTo(Enumerable.Range(slots[0], 3)), "back to back");
        Assert.That(slots, Does.Not.Contain(0), "the dairy is away in slot 0");
        Assert.That(visits.Select(v => v.GetProperty("need").GetString()).Distinct().Count(), Is.EqualTo(3), "each covers another need: " + plan);
        Assert.That(visits.Select(v => v.GetProperty("reasons").GetArrayLength()), Is.All.GreaterThan(0));
        Assert.That(visits[0].GetProperty("start").GetString(), Does.StartWith("2027-03-18T"));
        Assert.That(plan.GetProperty("uncovered").GetArrayLength(), Is.Zero, plan.ToString());
        Assert.That(plan.GetProperty("needCount").GetInt32(), Is.EqualTo(3));

        var stored = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/expert-visits/{plan.GetProperty("id").GetInt64()}");
        Assert.That(Visits(stored).Select(v => v.GetProperty("expertId").GetInt64()), Is.EqualTo(experts));
        Assert.That(stored.GetProperty("coverage").GetDouble(), Is.EqualTo(plan.GetProperty("coverage").GetDouble()));
    }

    [Test]
    public async Task VisitsNeverOverlapOtherPlansOrSchedulesAndShowInBothAgendas()
    {
        var (eventId, ids) = await VisitEventAsync("Two dairies");
        var first = await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 4 })).Content.ReadFromJsonAsync<JsonElement>();
        var second = await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["farm"], experts = 2 });
        var secondPlan = await second.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), secondPlan.ToString());

        var busy = Visits(first).Concat(Visits(secondPlan)).SelectMany(v => new[] { (v.GetProperty("expertId").GetInt64(), v.GetProperty("slot").GetInt32()) })
            .Concat(Visits(first).Select(v => (ids["dairy"], v.GetProperty("slot").GetInt32())))
            .Concat(Visits(secondPlan).Select(v => (ids["farm"], v.GetProperty("slot").GetInt32())));
        Assert.That(busy, Is.Unique, "nobody in two visits at once");

        var schedule = await Client.PostAsync($"/events/{eventId}/schedules?seconds=0.5", null);
        var meetings = (await schedule.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("meetings").EnumerateArray()
            .SelectMany(m => new[] { (m.GetProperty("participantAId").GetInt64(), m.GetProperty("slot").GetInt32()), (m.GetProperty("participantBId").GetInt64(), m.GetProperty("slot").GetInt32()) });
        Assert.That(meetings.Intersect(busy), Is.Empty, "schedules keep out of visit slots");

        var sme = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{ids["dairy"]}/agenda");
        var items = sme.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items, Has.Count.EqualTo(4));
        Assert.That(items.Select(i => i.GetProperty("origin").GetString()), Is.All.EqualTo("expert-visit"));
        Assert.That(sme.GetProperty("version").GetInt32(), Is.Zero, "no schedule is published: the visits alone");
        var expertId = Visits(first)[0].GetProperty("expertId").GetInt64();
        var expert = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{expertId}/agenda");
        var visit = expert.GetProperty("items").EnumerateArray().First(i => i.GetProperty("partner").GetProperty("participantId").GetInt64() == ids["dairy"]);
        Assert.That(visit.GetProperty("slot").GetInt32(), Is.EqualTo(Visits(first)[0].GetProperty("slot").GetInt32()));
        Assert.That(visit.GetProperty("why").EnumerateArray().First().GetString(), Does.StartWith("Your offer"), "phrased for the expert");
        var calendar = await Client.GetStringAsync($"/events/{eventId}/participants/{ids["dairy"]}/agenda?format=ics");
        Assert.That(calendar, Does.Contain("Expert visit"));
    }

    [Test]
    public async Task PlansAreListedAndADeletedPlanFreesItsSlots()
    {
        var (eventId, ids) = await VisitEventAsync("Deleted visits");
        // Morning slots 0-5, afternoon 6-9: the dairy is away in slot 0, so five visits take slots 1-5 and leave no room for five more.
        var first = await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 5 })).Content.ReadFromJsonAsync<JsonElement>();
        var planId = first.GetProperty("id").GetInt64();
        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 5 })).AssertProblemAsync(HttpStatusCode.Conflict);

        var listed = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/expert-visits");
        Assert.That(listed.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetInt64()), Is.EqualTo(new[] { planId }));
        Assert.That(Visits(listed.GetProperty("items")[0]), Has.Count.EqualTo(5));

        Assert.That((await Client.DeleteAsync($"/events/{eventId}/expert-visits/{planId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await (await Client.GetAsync($"/events/{eventId}/expert-visits/{planId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"/events/{eventId}/expert-visits/{planId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That((await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 5 })).StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public async Task AnEventCannotShrinkBelowItsVisitsUntilThePlanIsDeleted()
    {
        var (eventId, ids) = await VisitEventAsync("Shrinking visits");
        var plan = await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 3 })).Content.ReadFromJsonAsync<JsonElement>();
        var planId = plan.GetProperty("id").GetInt64();
        var shorter = new Dictionary<string, object>
        {
            ["name"] = "Shrinking visits", ["topic"] = "Digital tools for dairy farms.", ["format"] = "expert-visits", ["timeZone"] = "Europe/Madrid",
            ["sessions"] = new[] { new { name = "morning", start = "2027-03-18T09:00:00", end = "2027-03-18T10:00:00" } },
            ["meetingMinutes"] = 20, ["pauseMinutes"] = 10, ["tables"] = 10,
        };

        var refused = await (await Client.PutAsJsonAsync($"/events/{eventId}", shorter)).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain($"plan {planId}"));
        Assert.That((await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/slots")).GetProperty("items").GetArrayLength(), Is.EqualTo(10), "nothing changed");
        Assert.That((await Client.DeleteAsync($"/events/{eventId}/expert-visits/{planId}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That((await Client.PutAsJsonAsync($"/events/{eventId}", shorter)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task BadInputIsAnsweredWithProblemDetails()
    {
        var (eventId, ids) = await VisitEventAsync("Bad visits");
        var (matchmakingId, others) = await VisitEventAsync("A matchmaking day", "matchmaking");

        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = 999_999 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 6 })).AssertValidationProblemAsync("experts");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 0 })).AssertValidationProblemAsync("experts");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { experts = 2 })).AssertValidationProblemAsync("smeId");
        await (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["vet1"] })).AssertValidationProblemAsync("smeId");
        await (await Client.PostAsJsonAsync($"/events/{matchmakingId}/expert-visits", new { smeId = others["dairy"] })).AssertProblemAsync(HttpStatusCode.Conflict);
        await (await Client.PostAsJsonAsync("/events/999999/expert-visits", new { smeId = 1 })).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{eventId}/expert-visits/999999")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await App.Client(MatchmakingApp.KeyB).PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"] })).AssertProblemAsync(HttpStatusCode.NotFound);
        // Morning slots 0-5, afternoon 6-9: the dairy (away in slot 0) spends slots 1-5 with five experts; a second plan
        // of five would need five consecutive free slots, which only the four of the afternoon are.
        (await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 5 })).EnsureSuccessStatusCode();
        var again = await Client.PostAsJsonAsync($"/events/{eventId}/expert-visits", new { smeId = ids["dairy"], experts = 5 });
        Assert.That((await again.AssertProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString(), Does.Contain("consecutive"));
    }
}
