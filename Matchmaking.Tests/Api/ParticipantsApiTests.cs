using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class ParticipantsApiTests : ApiTests
{
    private long _eventId;

    [SetUp]
    public async Task CreateEvent() => _eventId = await Client.CreateEventAsync($"Participants {TestContext.CurrentContext.Test.Name}");

    [Test]
    public async Task PostingAParticipantReturnsItWithItsId()
    {
        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants",
            TestRequests.Participant("Almazara del Sur", externalId: "crm-1", email: "ana@almazara.example", unavailableSlots: [3, 1]));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body.ToString());
        var id = body.GetProperty("id").GetInt64();
        Assert.That(response.Headers.Location?.ToString(), Is.EqualTo($"/events/{_eventId}/participants/{id}"));
        Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("traditional-sme"));
        Assert.That(body.GetProperty("unavailableSlots").EnumerateArray().Select(s => s.GetInt32()), Is.EqualTo(new[] { 1, 3 }));
        Assert.That(body.GetProperty("languages").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "es", "en" }));

        var fetched = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants/{id}");
        Assert.That(fetched.GetProperty("externalId").GetString(), Is.EqualTo("crm-1"));
        Assert.That(fetched.GetProperty("needs").GetString(), Does.Contain("batch"));
    }

    [Test]
    public async Task CountryAndLanguageCodesAreNormalised()
    {
        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants",
            new { organization = "Casing Co", role = "tech-provider", offers = "Sensors.", country = "pt", languages = new[] { "PT", "en", "pt" } });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(body.GetProperty("country").GetString(), Is.EqualTo("PT"));
        Assert.That(body.GetProperty("languages").EnumerateArray().Select(s => s.GetString()), Is.EqualTo(new[] { "pt", "en" }));
    }

    [Test]
    public async Task AParticipantWithoutRequiredFieldsIsRejectedFieldByField()
    {
        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants", new { contactName = "Nobody" });

        var errors = await response.AssertValidationProblemAsync("organization", "role", "needs");
        Assert.That(errors.GetProperty("needs")[0].GetString(), Does.Contain("offers"));
    }

    [Test]
    public async Task InvalidValuesAreRejectedAndNothingIsStored()
    {
        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants", new
        {
            organization = "Bad Values SA",
            role = "investor",
            needs = new string('x', 4001),
            email = "not-an-email",
            country = "XX",
            languages = new[] { "english" },
            unavailableSlots = new[] { 10 },
            hostTable = 11,
            maxMeetings = -1,
        });

        await response.AssertValidationProblemAsync("role", "needs", "email", "country", "languages", "unavailableSlots", "hostTable", "maxMeetings");
        var list = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants");
        Assert.That(list.GetProperty("total").GetInt32(), Is.EqualTo(0));
    }

    [Test]
    public async Task ASecondParticipantWithTheSameExternalIdIsAConflict()
    {
        await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("First", externalId: "dup-1"));

        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants", TestRequests.Participant("Second", externalId: "dup-1"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task WithoutExternalIdTheEmailIdentifiesAParticipant()
    {
        await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("First", email: "same@farm.example"));

        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants", TestRequests.Participant("Second", email: "SAME@farm.example"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
    }

    [Test]
    public async Task PuttingAParticipantReplacesItsProfile()
    {
        var id = await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("Old Name", externalId: "put-1"));

        var response = await Client.PutAsJsonAsync($"/events/{_eventId}/participants/{id}",
            new { externalId = "put-1", organization = "New Name", role = "tech-provider", offers = "Drones that count trees." });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("organization").GetString(), Is.EqualTo("New Name"));
        Assert.That(body.GetProperty("needs").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("tech-provider"));
    }

    [Test]
    public async Task PuttingAnotherParticipantsExternalIdIsAConflict()
    {
        await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("Taken", externalId: "taken"));
        var id = await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("Mine", externalId: "mine"));

        var response = await Client.PutAsJsonAsync($"/events/{_eventId}/participants/{id}", TestRequests.Participant("Mine", externalId: "taken"));

        await response.AssertProblemAsync(HttpStatusCode.Conflict);
        var stored = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants/{id}");
        Assert.That(stored.GetProperty("externalId").GetString(), Is.EqualTo("mine"));
    }

    [Test]
    public async Task DeletingAParticipantRemovesIt()
    {
        var id = await Client.CreateParticipantAsync(_eventId, TestRequests.Participant("Leaving"));

        Assert.That((await Client.DeleteAsync($"/events/{_eventId}/participants/{id}")).StatusCode, Is.EqualTo(HttpStatusCode.NoContent));

        await (await Client.GetAsync($"/events/{_eventId}/participants/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.DeleteAsync($"/events/{_eventId}/participants/{id}")).AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task ParticipantsArePagedWithATotal()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.CreateParticipantAsync(_eventId, TestRequests.Participant($"Paged {i}", externalId: $"p-{i}"));
        }

        var page = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants?page=2&pageSize=3");

        Assert.That(page.GetProperty("total").GetInt32(), Is.EqualTo(7));
        Assert.That(page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("organization").GetString()),
            Is.EqualTo(new[] { "Paged 3", "Paged 4", "Paged 5" }));
        var last = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants?page=3&pageSize=3");
        Assert.That(last.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("page=0", "page")]
    [TestCase("pageSize=0", "pageSize")]
    [TestCase("pageSize=501", "pageSize")]
    [TestCase("page=abc", "page")]
    public async Task BadPagingIsRejected(string query, string field)
    {
        var response = await Client.GetAsync($"/events/{_eventId}/participants?{query}");

        await response.AssertValidationProblemAsync(field);
    }

    [Test]
    public async Task AnUnknownParticipantIsNotFound()
    {
        await (await Client.GetAsync($"/events/{_eventId}/participants/987654")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.PutAsJsonAsync($"/events/{_eventId}/participants/987654", TestRequests.Participant("Ghost")))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AParticipantOfAnUnknownEventIsNotFound()
    {
        await (await Client.PostAsJsonAsync("/events/987654/participants", TestRequests.Participant("Lost"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await Client.GetAsync("/events/987654/participants")).AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
