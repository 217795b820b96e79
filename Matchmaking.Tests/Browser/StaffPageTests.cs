using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Ical.Net;
using Matchmaking.Tests.Api;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Matchmaking.Tests.Browser;

/// <summary>
/// The staff page driven end to end in a real headless Chromium (Debian's <c>chromium</c>, which .ci/run installs)
/// against the API on a real port: nothing is downloaded, and every host but 127.0.0.1 is unresolvable.
/// </summary>
[NonParallelizable]
public sealed class StaffPageTests
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string DemoCsv = Path.Combine(AppContext.BaseDirectory, "data", "demo-participants.csv");

    private MatchmakingApp _app = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private Uri _baseAddress = null!;

    [OneTimeSetUp]
    public async Task StartServerAndBrowser()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Ignore($"No Chromium at {ChromiumPath}: `apt-get install chromium` (.ci/run does) to run the browser tests.");
        }
        // A low threshold sends the page's CSV import through an embedding job, so its progress path is driven too.
        _app = new MatchmakingApp(new Dictionary<string, string?> { ["Matchmaking:ImportJobSentences"] = "50" });
        _app.UseKestrel(0);
        _app.StartServer();
        _baseAddress = _app.ClientOptions.BaseAddress;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1", "--disable-background-networking", "--disable-component-update"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }
        _playwright?.Dispose();
        _app?.Dispose();
    }

    private async Task<(IBrowserContext Context, IPage Page, List<string> Errors)> OpenAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            AcceptDownloads = true,
            ViewportSize = new ViewportSize { Width = 1366, Height = 768 },
            TimezoneId = "America/New_York",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(_baseAddress.ToString());
        return (context, page, errors);
    }

    private HttpClient ApiClient(string key)
    {
        var client = new HttpClient { BaseAddress = _baseAddress };
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    [Test]
    public async Task StaffCreateAnEventImportTheDemoCsvScheduleAndOpenAgendas()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        using var api = ApiClient(MatchmakingApp.KeyA);

        // Sign in with the keyboard only.
        await page.GetByLabel("API key").FocusAsync();
        await page.Keyboard.TypeAsync(MatchmakingApp.KeyA);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "2. Event" })).ToBeVisibleAsync();

        // No event yet: the creation form is open.
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Browser Test Day");
        await page.GetByLabel("Time zone").FillAsync("Europe/Madrid");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2027-03-18");
        await page.GetByLabel("Tables", new() { Exact = true }).FillAsync("25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create event" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("created");
        await Expect(page.Locator("#event-summary")).ToContainTextAsync("Europe/Madrid");

        await page.GetByLabel("Import a CSV file").SetInputFilesAsync(DemoCsv);
        var importAnswer = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync(),
            r => r.Url.EndsWith("/participants/import", StringComparison.Ordinal));
        Assert.That(importAnswer.Status, Is.EqualTo(202), "stored at once, embedded in a job the page follows");
        var rows = File.ReadAllLines(DemoCsv).Length - 1;
        await Expect(page.Locator("#import-result")).ToContainTextAsync($"{rows} added", new() { Timeout = 120_000 });
        await Expect(page.Locator("#participant-count")).ToHaveTextAsync($"{rows} of {rows}");

        var events = (await api.GetFromJsonAsync<JsonElement>("/events")).GetProperty("items");
        var eventId = events[0].GetProperty("id").GetInt64();
        var participants = (await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants?pageSize=500")).GetProperty("items")
            .EnumerateArray().ToDictionary(p => p.GetProperty("id").GetInt64(), p => p.GetProperty("organization").GetString()!);
        Assert.That(participants, Has.Count.EqualTo(rows));

        // Suggestions with their reasons, for an SME found by the filter.
        var sme = participants.First();
        await page.GetByLabel("Find").FillAsync(sme.Value);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Suggestions for {sme.Value}" }).ClickAsync();
        var suggestions = page.Locator("#suggestions ol.suggestions > li");
        await Expect(suggestions).ToHaveCountAsync(5);
        var expected = await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{sme.Key}/suggestions?limit=5");
        var first = expected.GetProperty("items")[0];
        await Expect(suggestions.First).ToContainTextAsync(first.GetProperty("organization").GetString()!);
        await Expect(suggestions.First).ToContainTextAsync(first.GetProperty("reasons")[0].GetProperty("text").GetString()!);

        // Generate a schedule: progress shows, then the grid holds every meeting of the stored version.
        var network = new List<string>();
        page.Request += (_, r) => network.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {r.Method} {r.Url}");
        page.Response += (_, r) => network.Add($"{DateTime.UtcNow:HH:mm:ss.fff} {r.Status} {r.Url}");
        page.RequestFailed += (_, r) => network.Add($"{DateTime.UtcNow:HH:mm:ss.fff} failed {r.Url}: {r.Failure}");
        page.RequestFinished += (_, r) => network.Add($"{DateTime.UtcNow:HH:mm:ss.fff} finished {r.Url}");
        await page.Locator("#schedule-form").GetByLabel("Search time (seconds)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate schedule" }).ClickAsync();
        await Expect(page.Locator("#schedule-progress")).ToBeVisibleAsync();
        try
        {
            await Expect(page.Locator("#schedule-progress-text")).ToHaveTextAsync(new Regex("^(Done|Failed)"), new() { Timeout = 60_000 });
        }
        catch (PlaywrightException exception)
        {
            Assert.Fail($"{exception.Message}\nNetwork:\n{string.Join("\n", network)}");
        }
        Assert.That(await page.Locator("#schedule-progress-text").TextContentAsync(), Is.EqualTo("Done: version 1."),
            await page.Locator("#problem").TextContentAsync() + "\n" + string.Join("\n", network));
        var schedule = await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/1");
        var meetings = schedule.GetProperty("meetings").EnumerateArray().ToList();
        Assert.That(meetings, Is.Not.Empty);
        await Expect(page.Locator("#grid td.meeting")).ToHaveCountAsync(meetings.Count);
        var holes = schedule.GetProperty("figures").GetProperty("holes").GetInt32();
        await Expect(page.Locator("#figures")).ToContainTextAsync($"Idle gaps{holes}");
        var gapCells = await page.Locator("#holes td.hole").CountAsync();
        Assert.That(gapCells, holes == 0 ? Is.Zero : Is.GreaterThanOrEqualTo(holes), "every hole shows at least one idle cell");

        // One participant's agenda: printable page in a new tab, calendar file as a download.
        var someone = meetings[0].GetProperty("participantAId").GetInt64();
        var theirs = meetings.Where(m => m.GetProperty("participantAId").GetInt64() == someone || m.GetProperty("participantBId").GetInt64() == someone).ToList();
        await page.GetByLabel("Participant", new() { Exact = true }).SelectOptionAsync(someone.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Agenda to print" }).ClickAsync());
        await Expect(popup).ToHaveURLAsync(new Regex("^blob:"));
        await Expect(popup.Locator("body")).ToContainTextAsync(participants[someone]);
        foreach (var meeting in theirs)
        {
            var partner = meeting.GetProperty("participantAId").GetInt64() == someone ? meeting.GetProperty("participantBId").GetInt64() : meeting.GetProperty("participantAId").GetInt64();
            await Expect(popup.Locator("body")).ToContainTextAsync(participants[partner]);
        }
        await popup.CloseAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Calendar (.ics)" }).ClickAsync());
        Assert.That(download.SuggestedFilename, Is.EqualTo($"agenda-{someone}.ics"));
        var calendar = Calendar.Load(await File.ReadAllTextAsync((await download.PathAsync())!))!;
        Assert.That(calendar.Events, Has.Count.EqualTo(theirs.Count));

        // A last-minute cancellation, then a repair: version 2 keeps the rest and never plans that pair again.
        var partnerOfFirst = theirs[0].GetProperty("participantAId").GetInt64() == someone ? theirs[0].GetProperty("participantBId").GetInt64() : theirs[0].GetProperty("participantAId").GetInt64();
        await page.GetByLabel("Highlight a participant").SelectOptionAsync(someone.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = $"Cancel the meeting with {participants[partnerOfFirst]}" }).ClickAsync();
        await Expect(page.Locator("#participant-day")).ToContainTextAsync($"Cancelled: {participants[partnerOfFirst]}");
        await Expect(page.GetByLabel("Repair the latest (keep what stands)")).ToBeCheckedAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate schedule" }).ClickAsync();
        await Expect(page.Locator("#schedule-progress-text")).ToHaveTextAsync("Done: version 2.", new() { Timeout = 60_000 });
        var repaired = (await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/2")).GetProperty("meetings").EnumerateArray()
            .Select(m => (m.GetProperty("participantAId").GetInt64(), m.GetProperty("participantBId").GetInt64())).ToList();
        Assert.That(repaired, Does.Not.Contain((someone, partnerOfFirst)).And.Not.Contain((partnerOfFirst, someone)));

        // They will arrive late: unavailable in the slot of their first remaining meeting; a repair moves or drops it.
        var busy = (await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/2")).GetProperty("meetings").EnumerateArray()
            .Where(m => m.GetProperty("participantAId").GetInt64() == someone || m.GetProperty("participantBId").GetInt64() == someone)
            .Select(m => m.GetProperty("slot").GetInt32()).Min();
        var slotsField = page.GetByLabel($"Slots {participants[someone]} cannot attend");
        await slotsField.FillAsync("x9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is not a slot");
        await slotsField.FillAsync($"{busy + 1}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("cannot attend slots");
        var stored = await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/participants/{someone}");
        Assert.That(stored.GetProperty("unavailableSlots").EnumerateArray().Select(s => s.GetInt32()), Is.EqualTo(new[] { busy }));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate schedule" }).ClickAsync();
        await Expect(page.Locator("#schedule-progress-text")).ToHaveTextAsync("Done: version 3.", new() { Timeout = 60_000 });
        var third = (await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/schedules/3")).GetProperty("meetings").EnumerateArray();
        Assert.That(third.Where(m => m.GetProperty("slot").GetInt32() == busy)
            .Select(m => m.GetProperty("participantAId").GetInt64()).Concat(third.Where(m => m.GetProperty("slot").GetInt32() == busy)
            .Select(m => m.GetProperty("participantBId").GetInt64())), Does.Not.Contain(someone));

        // Publish: the version list says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish this version" }).ClickAsync();
        await Expect(page.Locator("#version-state")).ToContainTextAsync("published");

        await AssertAccessibleAsync(page);
        Assert.That(errors, Is.Empty, "browser console errors");
    }

    [Test]
    public async Task AWrongKeyAndABadEventAreExplainedOnThePage()
    {
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;

        await page.GetByLabel("API key").FillAsync("not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("API key missing or unknown");
        await Expect(page.Locator("#event-section")).ToBeHiddenAsync();

        await page.GetByLabel("API key").FillAsync(MatchmakingApp.KeyB);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToBeHiddenAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Too Small Day");
        await page.GetByLabel("Time zone").FillAsync("Europe/Madrid");
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync("2027-03-18");
        await page.GetByLabel("Tables", new() { Exact = true }).FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create event" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("tables");
        await Expect(page.GetByLabel("Tables", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        using var api = ApiClient(MatchmakingApp.KeyB);
        var events = (await api.GetFromJsonAsync<JsonElement>("/events")).GetProperty("items").EnumerateArray();
        Assert.That(events.Select(e => e.GetProperty("name").GetString()), Does.Not.Contain("Too Small Day"), "nothing is written when a request fails");
        // A 401 answer is logged by Chromium as a failed resource load; anything else is a page error.
        Assert.That(errors.Where(e => !e.Contains("401", StringComparison.Ordinal) && !e.Contains("400", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task StaffPlanExpertVisitsAndPrintTheSmeAgenda()
    {
        using var api = ApiClient(MatchmakingApp.KeyB);
        var eventId = await CreateEventWithDemoParticipantsAsync(api, "Expert Visits Day", "expert-visits");
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        await SignInAndOpenAsync(page, MatchmakingApp.KeyB, eventId);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "4. Expert visits" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "4. Schedule" })).ToBeHiddenAsync();

        var sme = await page.GetByLabel("SME", new() { Exact = true }).InputValueAsync();
        await page.GetByLabel("Experts").FillAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Plan visits" }).ClickAsync();
        var rows = page.Locator("#visit-plans article tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        var plan = (await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/expert-visits")).GetProperty("items")[0];
        Assert.That(plan.GetProperty("smeId").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(sme));
        var experts = plan.GetProperty("visits").EnumerateArray().Select(v => v.GetProperty("organization").GetString()!).ToList();
        foreach (var expert in experts)
        {
            await Expect(page.Locator("#visit-plans")).ToContainTextAsync(expert);
        }

        await page.GetByLabel("Participant", new() { Exact = true }).SelectOptionAsync(sme);
        var popup = await page.RunAndWaitForPopupAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Agenda to print" }).ClickAsync());
        await Expect(popup).ToHaveURLAsync(new Regex("^blob:"));
        foreach (var expert in experts)
        {
            await Expect(popup.Locator("body")).ToContainTextAsync(expert);
        }
        await popup.CloseAsync();

        await AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel these visits" }).ClickAsync();
        await Expect(page.Locator("#visit-plans")).ToContainTextAsync("No visit planned yet.");
        Assert.That(errors, Is.Empty, "browser console errors");
    }

    [Test]
    public async Task StaffFormHackathonTeams()
    {
        using var api = ApiClient(MatchmakingApp.KeyB);
        var eventId = await CreateEventWithDemoParticipantsAsync(api, "Hackathon Day", "hackathon");
        var (context, page, errors) = await OpenAsync();
        await using var _ = context;
        await SignInAndOpenAsync(page, MatchmakingApp.KeyB, eventId);
        await Expect(page.Locator("#teams")).ToContainTextAsync("No teams yet.");

        await page.GetByLabel("Team size").FillAsync("4");
        await page.Locator("#teams-form").GetByLabel("Search time (seconds)").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Form teams" }).ClickAsync();
        await Expect(page.Locator("#status")).ToContainTextAsync("teams formed", new() { Timeout = 60_000 });
        var teams = await api.GetFromJsonAsync<JsonElement>($"/events/{eventId}/teams");
        var count = teams.GetProperty("items").GetArrayLength();
        Assert.That(count, Is.GreaterThan(0));
        await Expect(page.Locator("#teams article")).ToHaveCountAsync(count);
        var first = teams.GetProperty("items")[0];
        foreach (var member in first.GetProperty("members").EnumerateArray())
        {
            await Expect(page.Locator("#teams article").First).ToContainTextAsync(member.GetProperty("reason").GetString()!);
        }
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "5. Agendas and calendars" })).ToBeHiddenAsync();
        await AssertAccessibleAsync(page);
        // Before the first teams the API answers 404, which Chromium logs as a failed resource load.
        Assert.That(errors.Where(e => !e.Contains("404", StringComparison.Ordinal)), Is.Empty, "browser console errors");
    }

    private static async Task<long> CreateEventWithDemoParticipantsAsync(HttpClient api, string name, string format)
    {
        var spec = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "data", "demo-event.json")))!;
        spec["name"] = JsonSerializer.SerializeToElement(name);
        spec["format"] = JsonSerializer.SerializeToElement(format);
        var created = await api.PostAsJsonAsync("/events", spec);
        Assert.That(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        var eventId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        using var csv = new ByteArrayContent(await File.ReadAllBytesAsync(DemoCsv)) { Headers = { ContentType = new("text/csv") } };
        var imported = await api.PostAsync($"/events/{eventId}/participants/import", csv);
        Assert.That(imported.IsSuccessStatusCode, await imported.Content.ReadAsStringAsync());
        return eventId;
    }

    private static async Task SignInAndOpenAsync(IPage page, string key, long eventId)
    {
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await page.GetByLabel("Event", new() { Exact = true }).SelectOptionAsync(eventId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.Locator("#participant-count")).ToHaveTextAsync(new Regex(@"^\d+ of \d+$"));
    }

    /// <summary>axe-core over the page as it is now: no serious or critical violation.</summary>
    private static async Task AssertAccessibleAsync(IPage page)
    {
        var axe = await page.RunAxe();
        Assert.That(axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(Describe), Is.Empty, "accessibility (axe-core) violations");
    }

    private static string Describe(AxeResultItem violation) =>
        $"{violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString()))}";
}
