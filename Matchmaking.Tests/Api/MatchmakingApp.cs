using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace Matchmaking.Tests.Api;

/// <summary>The API over its own SQLite file in a temp folder, with two tenants' keys.</summary>
public sealed class MatchmakingApp(IReadOnlyDictionary<string, string?>? settings = null) : WebApplicationFactory<Program>
{
    public const string KeyA = "test-key-tenant-a";
    public const string KeyB = "test-key-tenant-b";

    public string Folder { get; } = Directory.CreateTempSubdirectory("matchmaking-tests-").FullName;

    public string DatabasePath => Path.Combine(Folder, "matchmaking.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Matchmaking", $"Data Source={DatabasePath}");
        builder.UseSetting($"Matchmaking:ApiKeys:{KeyA}", "tenant-a");
        builder.UseSetting($"Matchmaking:ApiKeys:{KeyB}", "tenant-b");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that sends the given API key (none when null).</summary>
    public HttpClient Client(string? apiKey = KeyA)
    {
        var client = CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platforms; the OS cleans temp folders.
        }
    }
}

/// <summary>Requests the tests send often.</summary>
public static class TestRequests
{
    public static object Event(string name, int tables = 10, string format = "matchmaking",
        string topic = "Sensors and software for farms and food plants.") => new
    {
        name,
        topic,
        format,
        timeZone = "Europe/Madrid",
        sessions = new[]
        {
            new { name = "morning", start = "2027-03-18T09:00:00", end = "2027-03-18T12:00:00" },
            new { name = "afternoon", start = "2027-03-18T14:00:00", end = "2027-03-18T16:00:00" },
        },
        meetingMinutes = 20,
        pauseMinutes = 10,
        tables,
        rules = new { crossSideOnly = true, minMeetings = 1, maxMeetings = 8 },
    };

    public static object Participant(string organization, string? externalId = null, string? email = null, int[]? unavailableSlots = null) => new
    {
        externalId,
        organization,
        contactName = "Ana Ruiz",
        email,
        role = "traditional-sme",
        sector = "agrifood",
        country = "ES",
        languages = new[] { "es", "en" },
        offers = "Extra virgin olive oil from our own groves.",
        needs = "We lose track of which batch went to which customer.",
        description = "Family mill in Jaén.",
        tags = new[] { "olive-oil", "traceability" },
        unavailableSlots = unavailableSlots ?? [],
        maxMeetings = 6,
    };

    /// <summary>Creates an event and returns its id.</summary>
    public static async Task<long> CreateEventAsync(this HttpClient client, string name, int tables = 10)
    {
        var response = await client.PostAsJsonAsync("/events", Event(name, tables));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    public static async Task<long> CreateParticipantAsync(this HttpClient client, long eventId, object participant)
    {
        var response = await client.PostAsJsonAsync($"/events/{eventId}/participants", participant);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<IdOnly>())!.Id;
    }

    public sealed record IdOnly(long Id);
}
