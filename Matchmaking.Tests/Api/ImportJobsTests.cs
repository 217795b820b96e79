using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

/// <summary>With the threshold at two new sentences, imports of new texts embed them in a job.</summary>
public sealed class ImportJobsTests() : ApiTests(new Dictionary<string, string?> { ["Matchmaking:ImportJobSentences"] = "2" })
{
    private static object[] Rows(string flavour) =>
    [
        new { externalId = "farm", organization = "Farm", role = "traditional-sme", needs = $"Our {flavour} cows fall ill before we notice. Feed prices keep rising." },
        new { externalId = "collars", organization = "Collars", role = "tech-provider", offers = $"Collars for {flavour} cattle that detect illness early." },
        new { externalId = "feed", organization = "Feed", role = "tech-provider", offers = $"Software that plans {flavour} feed purchases." },
    ];

    [Test]
    public async Task AnImportOfManyNewTextsStoresAtOnceAndEmbedsInAJob()
    {
        var eventId = await Client.CreateEventAsync("Import job day");

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", Rows("alpine"));

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), body.ToString());
        Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(3));
        var job = body.GetProperty("job");
        Assert.That(job.GetProperty("kind").GetString(), Is.EqualTo("embedding"));
        var location = response.Headers.Location!.ToString();
        Assert.That(location, Is.EqualTo($"/events/{eventId}/jobs/{job.GetProperty("id").GetString()}"));
        var listed = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants");
        Assert.That(listed.GetProperty("total").GetInt32(), Is.EqualTo(3), "the participants are stored before the job ends");

        var done = await WaitForJobAsync(location);

        Assert.That(done.GetProperty("status").GetString(), Is.EqualTo("succeeded"), done.ToString());
        Assert.That(done.GetProperty("progress").GetInt32(), Is.EqualTo(100));
        Assert.That(done.GetProperty("result").GetString(), Is.EqualTo($"/events/{eventId}/participants"));
        var farm = body.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("externalId").GetString() == "farm").GetProperty("id").GetInt64();
        var suggestions = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{farm}/suggestions");
        Assert.That(suggestions.GetProperty("items").GetArrayLength(), Is.EqualTo(2));

        // The same texts again: nothing new to embed, so the answer comes at once.
        var again = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", Rows("alpine"));
        var second = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK), second.ToString());
        Assert.That(second.GetProperty("updated").GetInt32(), Is.EqualTo(3));
        Assert.That(second.GetProperty("job").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task AFailedImportStartsNoJob()
    {
        var eventId = await Client.CreateEventAsync("Import job refused");

        var response = await Client.PostAsJsonAsync($"/events/{eventId}/participants/import", new object[] { new { organization = "No role", offers = "Something new entirely." } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        var listed = await Client.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants");
        Assert.That(listed.GetProperty("total").GetInt32(), Is.Zero);
    }
}
