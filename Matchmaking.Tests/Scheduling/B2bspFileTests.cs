using Matchmaking.Core.Scheduling;

namespace Matchmaking.Tests.Scheduling;

/// <summary>B2B scheduling instances in the MiniZinc format of the literature, as the b2bsp benchmark reads them.</summary>
public sealed class B2bspFileTests
{
    // Four participants, three meetings, a day of five slots of which two in the morning.
    private const string Instance = """
        nBusiness = 4;
        nMeetings = 3;
        nTables = 2;
        nTotalSlots = 5;
        nMorningSlots = 2;
        requested = [|
          1, 2, 1, |
          1, 3, 2, |
          3, 4, 3, |];
        meetingsxBusiness = [{1, 2}, {1}, {2, 3}, {3}];
        nMeetingsBusiness = [2, 1, 2, 1];
        forbidden = [{0}, {}, {1, 5}, {}];
        fixed = [0, 4, 0];
        precedences = [{}, {}, {2}];
        """;

    [Test]
    public void AnInstanceBecomesAZeroBasedProblem()
    {
        var problem = B2bspFile.Read(Instance);

        Assert.That((problem.SlotCount, problem.Tables, problem.ParticipantCount), Is.EqualTo((5, 2, 4)));
        Assert.That(problem.Meetings, Is.EqualTo(new[]
        {
            new MeetingSpec(0, 1, 0b00011),
            new MeetingSpec(0, 2, 0b11100, FixedSlot: 3),
            new MeetingSpec(2, 3, 0b11111),
        }));
        Assert.That(problem.Unavailable, Is.EqualTo(new ulong[] { 0, 0, 0b10001, 0 }));
        Assert.That(problem.Precedences, Is.EqualTo(new[] { (1, 2) }));
        Assert.That(problem.HostTables, Is.All.EqualTo(0));
    }

    [Test]
    public void CommentsRangesAndArrayWrappersReadLikeThePlainForm()
    {
        var text = """
            % 99 participants in a comment are not a value; nor is nTables = 7;
            nBusiness = 4; nMeetings = 3; nTables = 2; nTotalSlots = 5;
            nMorningSlots = 2; /* a block comment, 42 */
            requested = array2d(1..3, 1..3, [1, 2, 1,  1, 3, 2,  3, 4, 3]);
            forbidden = array1d(1..4, [{}, {}, {1, 5..5}, 2..1]);  % 2..1 is an empty set
            fixed = [0, 4, 0];
            precedences = [{}, {}, 2..2];
            """;

        var problem = B2bspFile.Read(text);
        var plain = B2bspFile.Read(Instance);

        Assert.That(problem.Tables, Is.EqualTo(2));
        Assert.That(problem.Meetings, Is.EqualTo(plain.Meetings));
        Assert.That(problem.Unavailable, Is.EqualTo(plain.Unavailable));
        Assert.That(problem.Precedences, Is.EqualTo(plain.Precedences));
    }

    [Test]
    public void ARangeOfForbiddenSlotsCoversEverySlotInIt()
    {
        var problem = B2bspFile.Read(Instance.Replace("{1, 5}", "{1, 3..5}"));

        Assert.That(problem.Unavailable[2], Is.EqualTo(0b11101UL));
    }

    [Test]
    public void FixedSlotsAndPrecedencesAreOptional()
    {
        var text = Instance.Replace("fixed = [0, 4, 0];", "").Replace("precedences = [{}, {}, {2}];", "");

        var problem = B2bspFile.Read(text);

        Assert.That(problem.Meetings.Select(m => m.FixedSlot), Is.All.Null);
        Assert.That(problem.Precedences, Is.Empty);
    }

    [TestCase("3, 4, 3, |", "3, 9, 3, |", "meeting 3 is between participants 3 and 9, of 1 to 4.")]
    [TestCase("3, 4, 3, |", "3, 4, 5, |", "meeting 3 has session 5; 1 (morning), 2 (afternoon) or 3 (either).")]
    [TestCase("3, 4, 3, |", "", "'requested' has 6 numbers; 3 meetings take 9.")]
    [TestCase("{1, 5}", "{1, 6}", "participant 3 is unavailable in slot 6, of 1 to 5.")]
    [TestCase("{1, 5}, {}]", "{1, 5}]", "'forbidden' has 3 sets for 4 participants.")]
    [TestCase("fixed = [0, 4, 0]", "fixed = [0, 6, 0]", "meeting 2 is fixed in slot 6, of 1 to 5.")]
    [TestCase("[{}, {}, {2}]", "[{}, {}, {4}]", "meeting 3 must follow meeting 4, of 1 to 3.")]
    [TestCase("[{}, {}, {2}]", "[{}, {}, {3}]", "meeting 3 must follow itself.")]
    [TestCase("nTotalSlots = 5;", "nTotalSlots = 65;", "nTotalSlots is 65; 1 to 64 are supported.")]
    [TestCase("nTables = 2;", "", "no 'nTables = N;'.")]
    [TestCase("nBusiness = 4;", "nBusiness = 2000000000;", "nBusiness is 2000000000; at most 100,000 are supported.")]
    [TestCase("nMeetings = 3;", "nMeetings = 2000000000;", "'requested' has 9 numbers; 2000000000 meetings take 6000000000.")]
    [TestCase("{1, 5}", "{1..200000}", "the range 1..200000 is too wide.")]
    public void AWrongValueIsNamed(string find, string replacement, string message)
    {
        var text = Instance.Replace(find, replacement);
        Assert.That(text, Is.Not.EqualTo(Instance));

        var error = Assert.Throws<InvalidDataException>(() => B2bspFile.Read(text));

        Assert.That(error!.Message, Is.EqualTo(message));
    }
}
