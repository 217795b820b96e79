using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Matchmaking.Tests.Api;

public sealed class ImportApiTests : ApiTests
{
    private const string Header = "externalId,organization,contactName,email,role,sector,country,languages,offers,needs,description,tags,unavailableSlots,maxMeetings,hostTable";

    private long _eventId;

    [SetUp]
    public async Task CreateEvent() => _eventId = await Client.CreateEventAsync($"Import {TestContext.CurrentContext.Test.Name}");

    private Task<HttpResponseMessage> ImportCsvAsync(string csv) =>
        Client.PostAsync($"/events/{_eventId}/participants/import", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private async Task<int> CountAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants")).GetProperty("total").GetInt32();

    [Test]
    public async Task ACsvImportAddsEveryRowWithListsSplitOnSemicolons()
    {
        var csv = $"""
            {Header}
            a-1,Dairy Co,Ana,ana@dairy.example,traditional-sme,agrifood,ES,es;en,"Milk, cheese",Cows fall ill unnoticed,,dairy;animals,0;2,5,
            a-2,Collar Tech,Ben,ben@collar.example,tech-provider,iot,NL,en,Neck collars that alert on early illness,Pilot farms,,sensors,,,4
            """;

        var response = await ImportCsvAsync(csv);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(2));
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(0));
        var dairyId = body.GetProperty("items")[0].GetProperty("id").GetInt64();
        var dairy = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants/{dairyId}");
        Assert.That(dairy.GetProperty("offers").GetString(), Is.EqualTo("Milk, cheese"));
        Assert.That(dairy.GetProperty("languages").EnumerateArray().Select(l => l.GetString()), Is.EqualTo(new[] { "es", "en" }));
        Assert.That(dairy.GetProperty("unavailableSlots").EnumerateArray().Select(l => l.GetInt32()), Is.EqualTo(new[] { 0, 2 }));
        Assert.That(dairy.GetProperty("maxMeetings").GetInt32(), Is.EqualTo(5));
        Assert.That(dairy.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
    }

    [Test]
    public async Task AJsonArrayImportAddsEveryItem()
    {
        var response = await Client.PostAsJsonAsync($"/events/{_eventId}/participants/import", new[]
        {
            TestRequests.Participant("Json One", externalId: "j-1"),
            TestRequests.Participant("Json Two", externalId: "j-2"),
        });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(2));
        Assert.That(await CountAsync(), Is.EqualTo(2));
    }

    [Test]
    public async Task ReimportingUpdatesByExternalIdOrEmailInsteadOfDuplicating()
    {
        await ImportCsvAsync($"""
            {Header}
            x-1,Keyed Old,,,tech-provider,,,,Old offer,,,,,,
            ,Mailed Old,,mail@old.example,tech-provider,,,,Old offer,,,,,,
            """);

        var response = await ImportCsvAsync($"""
            {Header}
            x-1,Keyed New,,,tech-provider,,,,New offer,,,,,,
            ,Mailed New,,MAIL@old.example,tech-provider,,,,New offer,,,,,,
            x-2,Brand New,,,traditional-sme,,,,,A need,,,,,
            """);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(body.GetProperty("created").GetInt32(), Is.EqualTo(1));
        Assert.That(body.GetProperty("updated").GetInt32(), Is.EqualTo(2));
        var all = await Client.GetFromJsonAsync<JsonElement>($"/events/{_eventId}/participants");
        Assert.That(all.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("organization").GetString()),
            Is.EquivalentTo(new[] { "Keyed New", "Mailed New", "Brand New" }));
    }

    [Test]
    public async Task AnImportWithBadRowsNamesEachRowAndFieldAndStoresNothing()
    {
        var csv = $"""
            {Header}
            ok-1,Good Row,,,tech-provider,,,,Fine,,,,,,
            bad-1,,,,tech-provider,,,,Fine,,,,,,
            bad-2,Bad Role,,,farmer,,,,Fine,,,,,,
            bad-3,Bad Slot,,,traditional-sme,,ES,,,Need,,,99,,
            bad-4,Bad Number,,,traditional-sme,,ES,,,Need,,,,lots,
            """;

        var response = await ImportCsvAsync(csv);

        await response.AssertValidationProblemAsync(
            "line 3.organization", "line 4.role", "line 5.unavailableSlots", "line 6.maxMeetings");
        Assert.That(await CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task AJsonImportWithBadItemsNamesEachItem()
    {
        using var content = new StringContent(
            """[{"organization":"Fine","role":"expert","offers":"Advice"},{"organization":"No role","offers":"x"},{"organization":"Typed","role":"expert","offers":"x","maxMeetings":"many"}]""",
            Encoding.UTF8, "application/json");

        var response = await Client.PostAsync($"/events/{_eventId}/participants/import", content);

        await response.AssertValidationProblemAsync("[1].role", "[2].maxMeetings");
        Assert.That(await CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task DuplicateRowsInOneImportAreRejected()
    {
        var response = await ImportCsvAsync($"""
            {Header}
            same,One,,,tech-provider,,,,Offer,,,,,,
            same,Two,,,tech-provider,,,,Offer,,,,,,
            """);

        await response.AssertValidationProblemAsync("line 3.externalId");
        Assert.That(await CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task AnUnknownCsvColumnIsRejected()
    {
        var response = await ImportCsvAsync("organization,role,need\nFarm,traditional-sme,Something\n");

        await response.AssertValidationProblemAsync("header");
    }

    [Test]
    public async Task UnbalancedQuotesAreReportedAsMalformedCsv()
    {
        var response = await ImportCsvAsync("organization,role,offers\nFarm,traditional-sme,\"open quote\nOther,tech-provider,x\n");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.That(await CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task MoreThanTenThousandRowsAreRejected()
    {
        var csv = new StringBuilder("organization,role,offers\n");
        for (var i = 0; i <= 10_000; i++)
        {
            csv.Append("Org ").Append(i).Append(",tech-provider,Offer\n");
        }

        var response = await ImportCsvAsync(csv.ToString());

        var errors = await response.AssertValidationProblemAsync("body");
        Assert.That(errors.GetProperty("body")[0].GetString(), Does.Contain("10000"));
        Assert.That(await CountAsync(), Is.EqualTo(0));
    }

    [Test]
    public async Task AnUnsupportedContentTypeIs415()
    {
        var response = await Client.PostAsync($"/events/{_eventId}/participants/import", new StringContent("<xml/>", Encoding.UTF8, "application/xml"));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Test]
    public async Task ACsvWithAByteOrderMarkImports()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("organization,role,offers\r\nExcel Export SL,tech-provider,Spreadsheets\r\n")).ToArray();
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");

        var response = await Client.PostAsync($"/events/{_eventId}/participants/import", content);

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body.ToString());
        Assert.That(await CountAsync(), Is.EqualTo(1));
    }
}
