using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class RequestsApiTests : ApiTests
{
    private long _eventId;
    private long _mill;
    private long _hotel;
    private long _traceability;
    private long _pricing;

    /// <summary>An event of 10 slots with cross-side rules: two SMEs and two tech providers, each fitting one SME.</summary>
    [SetUp]
    public async Task CreateEventWithParticipants()
    {
        _eventId = await Client.CreateEventAsync($"Requests {TestContext.CurrentContext.Test.Name}");
        (_mill, _hotel, _traceability, _pricing) = await AddParticipantsAsync(Client, _eventId);
    }

    internal static async Task<(long Mill, long Hotel, long Traceability, long Pricing)> AddParticipantsAsync(HttpClient client, long eventId) => (
        await client.CreateParticipantAsync(eventId, TestRequests.Participant("Almazara del Sur", unavailableSlots: [2])),
        await client.CreateParticipantAsync(eventId, new
        {
            organization = "Casa Rural Encina", role = "traditional-sme",
            needs = "Our rooms stay empty from November to March.", offers = "Twelve rooms in the mountains.",
        }),
        await client.CreateParticipantAsync(eventId, new
        {
            organization = "LotTrace", role = "tech-provider",
            offers = "Traceability software that records which batch went to which customer, from the mill to the shelf.",
        }),
        await client.CreateParticipantAsync(eventId, new
        {
            organization = "StayMax", role = "tech-provider", unavailableSlots = new[] { 5 },
            offers = "Channel manager and dynamic pricing that fill rural hotel rooms in the low season.",
        }));

    private Task<HttpResponseMessage> PostAsync(object request) => Client.PostAsJsonAsync($"/events/{_eventId}/requests", request);

    private async Task<long> CreateAsync(long fromId, long toId, string status)
    {
        var response = await PostAsync(new { fromId, toId, status });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
    }

    private async Task<List<JsonElement>> ListAsync(string query = "")
    {
        var list = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/requests{query}");
        return list.GetProperty("items").EnumerateArray().ToList();
    }

    private async Task AssertRejectedAsync(object request, params string[] fields)
    {
        await (await PostAsync(request)).AssertValidationProblemAsync(fields);
        Assert.That(await ListAsync(), Is.Empty, "nothing is stored");
    }

    [Test]
    public async Task PostingARequestReturnsItWithItsIdAndLocation()
    {
        var response = await PostAsync(new { fromId = _mill, toId = _traceability, status = "requested", session = "Morning", fixedSlot = 1 });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var id = body.GetProperty("id").GetInt64();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/events/{_eventId}/requests/{id}"));
        Assert.That(body.GetProperty("fromId").GetInt64(), Is.EqualTo(_mill));
        Assert.That(body.GetProperty("toId").GetInt64(), Is.EqualTo(_traceability));
        Assert.That(body.GetProperty("status").GetString(), Is.EqualTo("requested"));
        Assert.That(body.GetProperty("session").GetString(), Is.EqualTo("morning"));
        Assert.That(body.GetProperty("fixedSlot").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("createdAt").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(1)));

        var fetched = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/requests/{id}");
        Assert.That(fetched.ToString(), Is.EqualTo(body.ToString()));
    }

    [Test]
    public async Task SessionDefaultsToAnyAndTheSlotIsLeftOpen()
    {
        var response = await PostAsync(new { fromId = _pricing, toId = _hotel, status = "must" });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        Assert.That(body.GetProperty("session").GetString(), Is.EqualTo("any"));
        Assert.That(body.GetProperty("fixedSlot").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task RequestsAreListedAndFilteredByParticipant()
    {
        var asked = await CreateAsync(_mill, _traceability, "requested");
        var avoided = await CreateAsync(_pricing, _mill, "avoid");
        var imposed = await CreateAsync(_hotel, _pricing, "must");

        Assert.That((await ListAsync()).Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new[] { asked, avoided, imposed }));
        Assert.That((await ListAsync($"?participantId={_mill}")).Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new[] { asked, avoided }),
            "made and received");
        Assert.That((await ListAsync($"?participantId={_pricing}")).Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new[] { avoided, imposed }));
        Assert.That(await ListAsync($"?participantId={_traceability}"), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task FilteringByAnUnknownParticipantIs404()
    {
        await (await Client.GetAsync($"/events/{_eventId}/requests?participantId=987654")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync($"/events/{_eventId}/requests?participantId=abc")).AssertValidationProblemAsync("participantId");
    }

    [Test]
    public async Task DeletingARequestRemovesIt()
    {
        var id = await CreateAsync(_mill, _traceability, "accepted");

        Assert.That((await Client.DeleteAsync($"/events/{_eventId}/requests/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await (await Client.GetAsync($"/events/{_eventId}/requests/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"/events/{_eventId}/requests/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.That(await ListAsync(), Is.Empty);
        await CreateAsync(_traceability, _mill, "declined");
    }

    [Test]
    public async Task ARequestWithoutRequiredFieldsIsRejectedFieldByField()
    {
        await AssertRejectedAsync(new { session = "any" }, "fromId", "toId", "status");
    }

    [Test]
    public async Task AnUnknownParticipantIsRejectedByName()
    {
        var response = await PostAsync(new { fromId = 987654, toId = _traceability, status = "requested" });

        var errors = await response.AssertValidationProblemAsync("fromId");
        Assert.That(errors.GetProperty("fromId")[0].GetString(), Is.EqualTo($"Event {_eventId} has no participant 987654."));
        Assert.That(await ListAsync(), Is.Empty);
    }

    [Test]
    public async Task AParticipantOfAnotherEventIsUnknownHere()
    {
        var otherEvent = await Client.CreateEventAsync($"Other {TestContext.CurrentContext.Test.Name}");
        var stranger = await Client.CreateParticipantAsync(otherEvent, new { organization = "Elsewhere", role = "tech-provider", offers = "Robots." });

        await AssertRejectedAsync(new { fromId = _mill, toId = stranger, status = "requested" }, "toId");
    }

    [Test]
    public async Task AParticipantCannotRequestAMeetingWithItself()
    {
        await AssertRejectedAsync(new { fromId = _mill, toId = _mill, status = "avoid" }, "toId");
    }

    [TestCase("maybe", null, "status")]
    [TestCase("requested", "evening", "session")]
    public async Task UnknownNamesAreRejected(string status, string? session, string field)
    {
        await AssertRejectedAsync(new { fromId = _mill, toId = _traceability, status, session }, field);
    }

    [TestCase(10)]
    [TestCase(-1)]
    public async Task AFixedSlotOutsideTheEventIsRejected(int fixedSlot)
    {
        await AssertRejectedAsync(new { fromId = _mill, toId = _traceability, status = "must", fixedSlot }, "fixedSlot");
    }

    [Test]
    public async Task AFixedSlotInWhichEitherParticipantIsUnavailableIsRejected()
    {
        // The mill is unavailable in slot 2, StayMax in slot 5.
        var errors = await (await PostAsync(new { fromId = _mill, toId = _pricing, status = "requested", fixedSlot = 2 })).AssertValidationProblemAsync("fixedSlot");
        Assert.That(errors.GetProperty("fixedSlot")[0].GetString(), Does.Contain("Almazara del Sur"));
        await AssertRejectedAsync(new { fromId = _mill, toId = _pricing, status = "accepted", fixedSlot = 5 }, "fixedSlot");
    }

    [TestCase("avoid", "morning", null, "session")]
    [TestCase("declined", null, 3, "fixedSlot")]
    public async Task OnlyAMeetingThatShouldHappenCanHaveATime(string status, string? session, int? fixedSlot, string field)
    {
        await AssertRejectedAsync(new { fromId = _mill, toId = _traceability, status, session, fixedSlot }, field);
    }

    [TestCase("requested")]
    [TestCase("accepted")]
    [TestCase("must")]
    public async Task TwoSmesCannotBeWishedTogetherUnderCrossSideOnly(string status)
    {
        var errors = await (await PostAsync(new { fromId = _mill, toId = _hotel, status })).AssertValidationProblemAsync("toId");

        Assert.That(errors.GetProperty("toId")[0].GetString(), Does.Contain("crossSideOnly"));
        Assert.That(await ListAsync(), Is.Empty);
    }

    [TestCase("avoid")]
    [TestCase("declined")]
    public async Task TwoSmesMayAlwaysBeKeptApart(string status)
    {
        await CreateAsync(_mill, _hotel, status);
    }

    [Test]
    public async Task WithoutCrossSideOnlyTwoSmesMayAskToMeet()
    {
        var anyToAny = await Client.PostAsJsonAsync("/events", new
        {
            name = $"Any to any {TestContext.CurrentContext.Test.Name}",
            format = "hackathon",
            timeZone = "UTC",
            sessions = new[] { new { name = "day", start = "2027-05-01T10:00:00", end = "2027-05-01T14:00:00" } },
            meetingMinutes = 30,
            tables = 4,
            rules = new { crossSideOnly = false },
        });
        var eventId = (await anyToAny.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
        var (mill, hotel, _, _) = await AddParticipantsAsync(Client, eventId);

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = mill, toId = hotel, status = "requested" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task APairHasOneRequestWhicheverWayRound()
    {
        var first = await CreateAsync(_mill, _traceability, "requested");

        var same = await (await PostAsync(new { fromId = _mill, toId = _traceability, status = "accepted" })).AssertProblemAsync(HttpStatusCode.Conflict);
        var reverse = await (await PostAsync(new { fromId = _traceability, toId = _mill, status = "avoid" })).AssertProblemAsync(HttpStatusCode.Conflict);

        Assert.That(same.GetProperty("detail").GetString(), Does.Contain($"request {first}"));
        Assert.That(reverse.GetProperty("detail").GetString(), Does.Contain($"request {first}"));
        Assert.That(await ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task AnUnknownRequestIsNotFound()
    {
        await (await Client.GetAsync($"/events/{_eventId}/requests/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"/events/{_eventId}/requests/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnotherTenantsEventAndItsRequestsAreNotFound()
    {
        var id = await CreateAsync(_mill, _traceability, "requested");
        using var stranger = App.Client(MatchmakingApp.KeyB);

        await (await stranger.GetAsync($"/events/{_eventId}/requests")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{_eventId}/requests/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/events/{_eventId}/requests/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/events/{_eventId}/requests", new { fromId = _hotel, toId = _pricing, status = "must" }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/events/987654/requests")).AssertProblemAsync(HttpStatusCode.NotFound);

        Assert.That(await ListAsync(), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task DeletingAParticipantRemovesItsRequests()
    {
        var kept = await CreateAsync(_hotel, _pricing, "requested");
        var gone = await CreateAsync(_mill, _traceability, "requested");
        await CreateAsync(_pricing, _mill, "avoid");

        await Client.DeleteAsync($"/events/{_eventId}/participants/{_mill}");

        Assert.That((await ListAsync()).Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new[] { kept }));
        await (await Client.GetAsync($"/events/{_eventId}/requests/{gone}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnEventCannotDropTheSlotARequestIsFixedTo()
    {
        var id = await CreateAsync(_hotel, _pricing, "must");
        var fixedLate = await PostAsync(new { fromId = _mill, toId = _traceability, status = "must", fixedSlot = 8 });
        Assert.That(fixedLate.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var fixedId = (await fixedLate.Content.ReadFromJsonAsync<TestRequests.IdOnly>())!.Id;
        // Without the afternoon session the event keeps slots 0-5.
        var morningOnly = new
        {
            name = $"Requests {TestContext.CurrentContext.Test.Name}",
            format = "matchmaking",
            timeZone = "Europe/Madrid",
            sessions = new[] { new { name = "morning", start = "2027-03-18T09:00:00", end = "2027-03-18T12:00:00" } },
            meetingMinutes = 20,
            pauseMinutes = 10,
            tables = 10,
        };

        var refused = await (await Client.PutAsJsonAsync($"/events/{_eventId}", morningOnly)).AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.That(refused.GetProperty("detail").GetString(), Does.Contain($"request {fixedId}"));

        await Client.DeleteAsync($"/events/{_eventId}/requests/{fixedId}");
        Assert.That((await Client.PutAsJsonAsync($"/events/{_eventId}", morningOnly)).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((await ListAsync()).Select(r => r.GetProperty("id").GetInt64()), Is.EqualTo(new[] { id }));
    }

    [TestCase("avoid")]
    [TestCase("declined")]
    public async Task APairKeptApartIsNeverSuggested(string status)
    {
        var before = await SuggestedAsync(Client, _eventId, _mill);
        Assert.That(before[0], Is.EqualTo(_traceability), "the traceability vendor fits the mill's need best");

        await CreateAsync(_traceability, _mill, status);

        Assert.That(await SuggestedAsync(Client, _eventId, _mill), Does.Not.Contain(_traceability).And.Contain(_pricing));
        Assert.That(await SuggestedAsync(Client, _eventId, _hotel), Does.Contain(_traceability));
        Assert.That(await SuggestedAsync(Client, _eventId, _traceability), Does.Not.Contain(_mill).And.Contain(_hotel), "both ways");
    }

    [Test]
    public async Task AWishedMeetingRaisesThePairsScoreByTheWishWeight()
    {
        // The shipped model was trained without wishes; the weighted fallback gives them a fixed 0.05.
        using var app = new MatchmakingApp(new Dictionary<string, string?> { ["Matchmaking:ScoringModel"] = "/nonexistent/scoring.zip" });
        using var client = app.Client();
        var eventId = await client.CreateEventAsync("Wishes");
        var (mill, _, _, pricing) = await AddParticipantsAsync(client, eventId);
        var before = await ScoreAsync(client, eventId, mill, pricing);

        // Made by the other side: a wish counts for both.
        var response = await client.PostAsJsonAsync($"/events/{eventId}/requests", new { fromId = pricing, toId = mill, status = "requested" });
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));

        Assert.That(await ScoreAsync(client, eventId, mill, pricing), Is.EqualTo(before + 0.05f).Within(0.0002f));
    }

    private static async Task<List<long>> SuggestedAsync(HttpClient client, long eventId, long participantId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{participantId}/suggestions?limit=100");
        return body.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("participantId").GetInt64()).ToList();
    }

    private static async Task<float> ScoreAsync(HttpClient client, long eventId, long participantId, long partnerId)
    {
        var body = await client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{participantId}/suggestions?limit=100");
        return body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("participantId").GetInt64() == partnerId).GetProperty("score").GetSingle();
    }
}
