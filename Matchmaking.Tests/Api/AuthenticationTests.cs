using System.Net;
using System.Net.Http.Json;
using Matchmaking.Api.Infrastructure;

namespace Matchmaking.Tests.Api;

public sealed class AuthenticationTests
{
    private MatchmakingApp _app = null!;

    [OneTimeSetUp]
    public void StartApp() => _app = new MatchmakingApp();

    [OneTimeTearDown]
    public void StopApp() => _app.Dispose();

    [TestCase(null)]
    [TestCase("")]
    [TestCase("wrong-key")]
    [TestCase("test-key-tenant-a ")]
    public async Task AMissingOrUnknownKeyIs401ProblemDetails(string? key)
    {
        using var client = _app.Client(apiKey: null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/events");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", key);
        }

        var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task EveryResourceEndpointRequiresAKey()
    {
        using var client = _app.Client(apiKey: null);

        await (await client.PostAsJsonAsync("/events", TestRequests.Event("Anonymous"))).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/events/1/participants")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        await (await client.GetAsync("/events/1/slots")).AssertProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task HealthAndSwaggerNeedNoKey()
    {
        using var client = _app.Client(apiKey: null);

        Assert.That((await client.GetAsync("/health")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var swagger = await client.GetAsync("/swagger/v1/swagger.json");
        Assert.That(swagger.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await swagger.Content.ReadAsStringAsync(), Does.Contain("X-Api-Key").And.Contain("/events/{eventId}/participants/import"));
        Assert.That((await client.GetAsync("/swagger/index.html")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task AnotherTenantsEventAndParticipantsAnswer404()
    {
        using var owner = _app.Client(MatchmakingApp.KeyA);
        using var stranger = _app.Client(MatchmakingApp.KeyB);
        var eventId = await owner.CreateEventAsync("Private to A");
        var participantId = await owner.CreateParticipantAsync(eventId, TestRequests.Participant("A's guest"));

        await (await stranger.GetAsync($"/events/{eventId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PutAsJsonAsync($"/events/{eventId}", TestRequests.Event("Hijacked"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/events/{eventId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/slots")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/participants")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.GetAsync($"/events/{eventId}/participants/{participantId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/events/{eventId}/participants", TestRequests.Participant("Intruder"))).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.DeleteAsync($"/events/{eventId}/participants/{participantId}")).AssertProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.PostAsJsonAsync($"/events/{eventId}/participants/import", new[] { TestRequests.Participant("Bulk intruder") }))
            .AssertProblemAsync(HttpStatusCode.NotFound);

        var stillThere = await owner.GetFromJsonAsync<System.Text.Json.JsonElement>($"/events/{eventId}/participants");
        Assert.That(stillThere.GetProperty("total").GetInt32(), Is.EqualTo(1));
        Assert.That((await owner.GetAsync($"/events/{eventId}")).StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task TwoTenantsMayUseTheSameEventName()
    {
        using var a = _app.Client(MatchmakingApp.KeyA);
        using var b = _app.Client(MatchmakingApp.KeyB);

        await a.CreateEventAsync("Shared name");
        var response = await b.PostAsJsonAsync("/events", TestRequests.Event("Shared name"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created));
    }

    [Test]
    public void KeysMatchExactlyAndMapToTheirTenant()
    {
        var keys = new Dictionary<string, string> { ["alpha-key-1"] = "alpha", ["beta-key-22"] = "beta" };

        Assert.That(ApiKeyAuthenticationHandler.FindTenant("alpha-key-1", keys), Is.EqualTo("alpha"));
        Assert.That(ApiKeyAuthenticationHandler.FindTenant("beta-key-22", keys), Is.EqualTo("beta"));
        Assert.That(ApiKeyAuthenticationHandler.FindTenant("ALPHA-KEY-1", keys), Is.Null);
        Assert.That(ApiKeyAuthenticationHandler.FindTenant("alpha-key-", keys), Is.Null);
        Assert.That(ApiKeyAuthenticationHandler.FindTenant("", keys), Is.Null);
    }
}
