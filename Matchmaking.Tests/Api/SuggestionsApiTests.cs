using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Api;

/// <summary>Runs once with the shipped model (data/models/scoring.zip) and once with the weighted fallback.</summary>
[TestFixture("model")]
[TestFixture("weighted")]
public sealed class SuggestionsApiTests(string scorer)
{
    private MatchmakingApp _app = null!;
    private HttpClient _client = null!;
    private long _eventId;
    private readonly Dictionary<string, long> _ids = [];

    [OneTimeSetUp]
    public async Task StartAppWithAnEvent()
    {
        _app = new MatchmakingApp(scorer == "model"
            ? null
            : new Dictionary<string, string?> { ["Matchmaking:ScoringModel"] = "/nonexistent/scoring.zip" });
        _client = _app.Client();
        _eventId = await _client.CreateEventAsync("Suggestions day");
        var response = await _client.PostAsJsonAsync($"/events/{_eventId}/participants/import", new object[]
        {
            Sme("dairy", "Dairy Farm Ruiz", "Our cows sometimes fall ill and we only notice days later, when the milk yield has already dropped.", "Raw milk and a herd of 200 cows for trials."),
            Sme("bakery", "Panadería Sol", "We throw away too much unsold bread at the end of the day.", "Bread and pastries."),
            Sme("hotel", "Casa Rural Encina", "Our rooms stay empty from November to March.", "Twelve rooms in the mountains."),
            Tech("collars", "HerdSense", "Neck collars with motion sensors that alert farmers to early signs of illness in cattle.", "Dairy farms for pilot projects."),
            Tech("forecast", "BakeCast", "Demand forecasting for bakeries from sales history and the weather, so they bake what will sell.", null),
            Tech("channels", "StayMax", "Channel manager and dynamic pricing that fill rural hotel rooms in the low season.", null),
            Tech("laser", "CutPro Laser", "Laser cutting of sheet metal parts.", null),
            new { externalId = "expert", organization = "Dr. Vet Advisory", role = "expert", offers = "Veterinary advice on herd health and early disease detection." },
            new { externalId = "twin", organization = "HerdSense", role = "traditional-sme", needs = "We need help with cattle illness detection." },
        });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        foreach (var item in body.GetProperty("items").EnumerateArray())
        {
            _ids[item.GetProperty("externalId").GetString()!] = item.GetProperty("id").GetInt64();
        }
    }

    [OneTimeTearDown]
    public void StopApp()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private static object Sme(string id, string organization, string needs, string offers) =>
        new { externalId = id, organization, role = "traditional-sme", needs, offers, languages = new[] { "es" }, country = "ES" };

    private static object Tech(string id, string organization, string offers, string? needs) =>
        new { externalId = id, organization, role = "tech-provider", offers, needs, languages = new[] { "en", "es" } };

    private async Task<JsonElement> SuggestionsAsync(string externalId, int limit = 10)
    {
        var response = await _client.GetAsync($"/events/{_eventId}/participants/{_ids[externalId]}/suggestions?limit={limit}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        return body;
    }

    [TestCase("dairy", "collars")]
    [TestCase("bakery", "forecast")]
    [TestCase("hotel", "channels")]
    public async Task TheProviderThatSolvesTheNeedComesFirst(string sme, string expected)
    {
        var body = await SuggestionsAsync(sme);

        Assert.That(body.GetProperty("items")[0].GetProperty("participantId").GetInt64(), Is.EqualTo(_ids[expected]), body.ToString());
    }

    [Test]
    public async Task SuggestionsAreRankedAndComeWithReasonsAndTheScorerName()
    {
        var body = await SuggestionsAsync("dairy");

        Assert.That(body.GetProperty("scorer").GetString(), Is.EqualTo(scorer));
        var items = body.GetProperty("items").EnumerateArray().ToList();
        Assert.That(items.Select(i => i.GetProperty("score").GetSingle()), Is.Ordered.Descending);
        Assert.That(items.Select(i => i.GetProperty("score").GetSingle()), Is.All.InRange(0f, 1f));
        Assert.That(items.Select(i => i.GetProperty("reasons").GetArrayLength()), Is.All.GreaterThan(0));
        var first = items[0].GetProperty("reasons")[0];
        Assert.That(first.GetProperty("kind").GetString(), Is.EqualTo("their-offer-your-need"));
        Assert.That(first.GetProperty("theirs").GetString(), Does.Contain("collars"));
        Assert.That(first.GetProperty("yours").GetString(), Does.Contain("cows"));
        Assert.That(first.GetProperty("similarity").GetSingle(), Is.GreaterThan(0.3f));
        Assert.That(items[0].GetProperty("reasons").EnumerateArray().Count(r => r.GetProperty("kind").GetString() == "feature"), Is.InRange(1, 3));
    }

    [Test]
    public async Task NeitherTheParticipantItselfNorItsOwnSideNorItsOrganisationIsSuggested()
    {
        var items = (await SuggestionsAsync("dairy", limit: 100)).GetProperty("items").EnumerateArray().ToList();
        var suggested = items.Select(i => i.GetProperty("participantId").GetInt64()).ToList();

        Assert.That(suggested, Does.Not.Contain(_ids["dairy"]));
        Assert.That(items.Select(i => i.GetProperty("role").GetString()), Has.None.EqualTo("traditional-sme"));
        Assert.That(suggested, Does.Contain(_ids["expert"]), "experts meet SMEs");

        var techItems = (await SuggestionsAsync("collars", limit: 100)).GetProperty("items").EnumerateArray().ToList();
        Assert.That(techItems.Select(i => i.GetProperty("role").GetString()), Is.All.EqualTo("traditional-sme"));
        Assert.That(techItems.Select(i => i.GetProperty("participantId").GetInt64()), Does.Not.Contain(_ids["twin"]), "same organisation");
        Assert.That(techItems[0].GetProperty("participantId").GetInt64(), Is.EqualTo(_ids["dairy"]));
        Assert.That(techItems[0].GetProperty("reasons")[0].GetProperty("kind").GetString(), Is.EqualTo("your-offer-their-need"));
    }

    [Test]
    public async Task TheLimitCapsTheList()
    {
        var body = await SuggestionsAsync("dairy", limit: 2);

        Assert.That(body.GetProperty("items").GetArrayLength(), Is.EqualTo(2));
    }

    [TestCase("0")]
    [TestCase("101")]
    [TestCase("-3")]
    [TestCase("ten")]
    public async Task ABadLimitIs400(string limit)
    {
        var response = await _client.GetAsync($"/events/{_eventId}/participants/{_ids["dairy"]}/suggestions?limit={limit}");

        await response.AssertValidationProblemAsync("limit");
    }

    [Test]
    public async Task UnknownIdsAndOtherTenantsAre404()
    {
        await (await _client.GetAsync($"/events/{_eventId}/participants/999999/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.GetAsync($"/events/999999/participants/{_ids["dairy"]}/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await _client.PostAsJsonAsync("/events/999999/suggestions", new { organization = "X", role = "traditional-sme", needs = "Help." }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
        using var stranger = _app.Client(MatchmakingApp.KeyB);
        await (await stranger.GetAsync($"/events/{_eventId}/participants/{_ids["dairy"]}/suggestions")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/events/{_eventId}/suggestions", new { organization = "X", role = "traditional-sme", needs = "Help." }))
            .AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Test]
    public async Task AnAdHocProfileGetsSuggestionsAndIsNotStored()
    {
        var before = (await _client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants")).GetProperty("total").GetInt32();

        var response = await _client.PostAsJsonAsync($"/events/{_eventId}/suggestions?limit=3", new
        {
            organization = "Walk-in Bakery",
            role = "traditional-sme",
            needs = "Every evening we bin trays of bread nobody bought.",
        });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
        Assert.That(body.GetProperty("items")[0].GetProperty("participantId").GetInt64(), Is.EqualTo(_ids["forecast"]));
        var after = (await _client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants")).GetProperty("total").GetInt32();
        Assert.That(after, Is.EqualTo(before));
    }

    [Test]
    public async Task AnInvalidAdHocProfileIs400()
    {
        var response = await _client.PostAsJsonAsync($"/events/{_eventId}/suggestions", new { organization = "No role" });

        await response.AssertValidationProblemAsync("role", "needs");
    }

    [Test]
    public async Task ProfileTextsAreEmbeddedWhenTheyAreStored()
    {
        await using var connection = new SqliteConnection($"Data Source={_app.DatabasePath}");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM embeddings";

        Assert.That((long)(await count.ExecuteScalarAsync())!, Is.GreaterThanOrEqualTo(10));
    }

    [Test]
    public async Task AnUpdatedProfileIsSuggestedByItsNewTexts()
    {
        var id = await _client.CreateParticipantAsync(_eventId, new { organization = "Shifting Needs SL", role = "traditional-sme", needs = "Our sheet metal parts need cutting." });
        var before = await _client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants/{id}/suggestions?limit=1");
        Assert.That(before.GetProperty("items")[0].GetProperty("participantId").GetInt64(), Is.EqualTo(_ids["laser"]));

        await _client.PutAsJsonAsync($"/events/{_eventId}/participants/{id}", new { organization = "Shifting Needs SL", role = "traditional-sme", needs = "Our guest rooms are empty all winter." });
        var after = await _client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants/{id}/suggestions?limit=1");

        Assert.That(after.GetProperty("items")[0].GetProperty("participantId").GetInt64(), Is.EqualTo(_ids["channels"]));
    }
}
