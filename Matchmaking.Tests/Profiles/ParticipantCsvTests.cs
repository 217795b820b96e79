using System.Text;
using Matchmaking.Core.Profiles;

namespace Matchmaking.Tests.Profiles;

public sealed class ParticipantCsvTests
{
    private static IReadOnlyList<ImportRow> Read(string csv, ValidationErrors errors) =>
        ParticipantCsv.Read(new MemoryStream(Encoding.UTF8.GetBytes(csv)), errors);

    [Test]
    public void ColumnsMayComeInAnyOrderAndCase()
    {
        var errors = new ValidationErrors();

        var rows = Read("ROLE,Needs,organization\ntraditional-sme,\"Cold rooms, always too warm\",Fruit Co\n", errors);

        Assert.That(errors.IsEmpty, Is.True);
        Assert.That(rows.Single().Input.Organization, Is.EqualTo("Fruit Co"));
        Assert.That(rows.Single().Input.Needs, Is.EqualTo("Cold rooms, always too warm"));
        Assert.That(rows.Single().Label, Is.EqualTo("line 2"));
    }

    [Test]
    public void QuotedFieldsMayHoldLineBreaksAndLineNumbersFollowTheFile()
    {
        var errors = new ValidationErrors();

        var rows = Read("organization,role,offers\nA,expert,\"two\nlines\"\nB,expert,one\n", errors);

        Assert.That(rows[0].Input.Offers, Is.EqualTo("two\nlines"));
        Assert.That(rows[1].Label, Is.EqualTo("line 4"));
    }

    [Test]
    public void EmptyCellsAreNullAndListsSplitOnSemicolons()
    {
        var errors = new ValidationErrors();

        var row = Read("organization,role,offers,tags,unavailableSlots,hostTable\nA,expert,x, iot ; ai ;,1;;2,\n", errors).Single();

        Assert.That(row.Input.Tags, Is.EqualTo(new[] { "iot", "ai" }));
        Assert.That(row.Input.UnavailableSlots, Is.EqualTo(new[] { 1, 2 }));
        Assert.That(row.Input.HostTable, Is.Null);
        Assert.That(row.Input.Email, Is.Null);
    }

    [Test]
    public void AnEmptyFileIsReported()
    {
        var errors = new ValidationErrors();

        Read("", errors);

        Assert.That(errors.ToDictionary().Keys, Does.Contain("header"));
    }
}
