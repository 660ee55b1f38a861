namespace CustomerPlatform.Sentiment.Tests;

public sealed class When_a_message_is_scored
{
    private static readonly SentimentAnalyzer Analyzer = SentimentAnalyzer.Default;

    private static double Compound(string text) => Analyzer.Analyze(text).Compound;

    private static SentimentLabel LabelOf(string text) => Analyzer.Analyze(text).Label;

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Should_score_a_missing_or_empty_text_as_neutral_zero(string? text)
    {
        var score = Analyzer.Analyze(text);

        Assert.Equal(SentimentScore.Empty, score);
        Assert.Equal(0, score.Compound);
        Assert.Equal(SentimentLabel.Neutral, score.Label);
        Assert.Equal("neutral", score.Label.ToLowercaseName());
    }

    // The examples published with VADER (Hutto & Gilbert 2014) and the scores its authors' implementation gives them.
    [Theory]
    [InlineData("VADER is smart, handsome, and funny.", 0.8316, 0.746, 0.254, 0.0)]
    [InlineData("VADER is smart, handsome, and funny!", 0.8439, 0.752, 0.248, 0.0)]
    [InlineData("VADER is very smart, handsome, and funny.", 0.8545, 0.701, 0.299, 0.0)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY.", 0.9227, 0.754, 0.246, 0.0)]
    [InlineData("VADER is VERY SMART, handsome, and FUNNY!!!", 0.9342, 0.767, 0.233, 0.0)]
    [InlineData("VADER is not smart, handsome, nor funny.", -0.7424, 0.0, 0.354, 0.646)]
    [InlineData("The book was good.", 0.4404, 0.492, 0.508, 0.0)]
    [InlineData("At least it isn't a horrible book.", 0.431, 0.322, 0.678, 0.0)]
    [InlineData("The book was only kind of good.", 0.3832, 0.303, 0.697, 0.0)]
    [InlineData("Today SUX!", -0.5461, 0.0, 0.221, 0.779)]
    [InlineData("Today only kinda sux! But I'll get by, lol", 0.5249, 0.317, 0.556, 0.127)]
    [InlineData("Make sure you :) or :D today!", 0.8633, 0.706, 0.294, 0.0)]
    [InlineData("Catch utf-8 emoji such as 💘 and 💋 and 😁", 0.875, 0.417, 0.583, 0.0)]
    [InlineData("Not bad at all", 0.431, 0.487, 0.513, 0.0)]
    public void Should_give_the_published_VADER_scores(string text, double compound, double positive, double neutral, double negative)
    {
        var score = Analyzer.Analyze(text);

        Assert.Equal(compound, score.Compound, 0.00005);
        Assert.Equal(positive, score.Positive, 0.0005);
        Assert.Equal(neutral, score.Neutral, 0.0005);
        Assert.Equal(negative, score.Negative, 0.0005);
    }

    [Theory]
    [InlineData("negation", "The answer was helpful.", SentimentLabel.Positive)]
    [InlineData("negation", "The answer was not helpful.", SentimentLabel.Negative)]
    [InlineData("negation", "The answer wasn't helpful.", SentimentLabel.Negative)]
    [InlineData("negation", "The answer wasn’t helpful.", SentimentLabel.Negative)]
    [InlineData("negation", "The answer WASN'T helpful.", SentimentLabel.Negative)]
    [InlineData("negation", "The answer was not really that helpful.", SentimentLabel.Negative)]
    [InlineData("negation", "This answer was never helpful.", SentimentLabel.Negative)]
    [InlineData("no and least", "There were no problems at all.", SentimentLabel.Positive)]
    [InlineData("no and least", "No help or support from anyone.", SentimentLabel.Negative)]
    [InlineData("no and least", "It is one of the least helpful replies.", SentimentLabel.Negative)]
    [InlineData("no and least", "It is at least helpful.", SentimentLabel.Positive)]
    [InlineData("but", "The food was good, but the service was terrible.", SentimentLabel.Negative)]
    [InlineData("but", "The service was terrible, but the food was good.", SentimentLabel.Positive)]
    [InlineData("emoticons and emoji", "I waited two weeks :(", SentimentLabel.Negative)]
    [InlineData("emoticons and emoji", "Sorted in five minutes :-)", SentimentLabel.Positive)]
    [InlineData("emoticons and emoji", "Thanks for fixing it (:", SentimentLabel.Positive)]
    [InlineData("punctuation", "ok.", SentimentLabel.Positive)]
    [InlineData("punctuation", "No, not again.", SentimentLabel.Negative)]
    [InlineData("emoticons and emoji", "Thanks 😁", SentimentLabel.Positive)]
    [InlineData("emoticons and emoji", "Fixed it❤️👍🏽", SentimentLabel.Positive)]
    [InlineData("emoticons and emoji", "Still waiting 😭", SentimentLabel.Negative)]
    [InlineData("idioms", "That change was the kiss of death for our team", SentimentLabel.Negative)]
    [InlineData("idioms", "The new dashboard is the bomb", SentimentLabel.Positive)]
    [InlineData("idioms", "Their support is to die for", SentimentLabel.Positive)]
    [InlineData("idioms", "Yeah right, like that will ever ship", SentimentLabel.Negative)]
    public void Should_label_the_examples_of_each_rule(string rule, string text, SentimentLabel expected)
    {
        Assert.True(expected == LabelOf(text), $"{rule}: \"{text}\" scored {Analyzer.Analyze(text)}, expected {expected}");
    }

    [Fact]
    public void Should_not_negate_beyond_three_words_or_in_never_so()
    {
        Assert.Equal(SentimentLabel.Positive, LabelOf("Not that the answer was at all helpful"));
        Assert.True(Compound("It has never been so good.") > Compound("It has been good."));
        Assert.True(Compound("Without a doubt, an excellent answer.") > 0.5);
    }

    [Fact]
    public void Should_strengthen_with_intensifiers_and_weaken_with_dampeners()
    {
        var plain = Compound("The answer was helpful.");

        Assert.True(Compound("The answer was very helpful.") > plain);
        Assert.True(Compound("The answer was extremely helpful.") > plain);
        Assert.True(Compound("The answer was slightly helpful.") < plain);
        Assert.True(Compound("The answer was kind of helpful.") < plain);
        Assert.True(Compound("The delay was very bad.") < Compound("The delay was bad."));
        Assert.True(Compound("The delay was sort of bad.") > Compound("The delay was bad."));
    }

    [Fact]
    public void Should_emphasise_words_in_capitals_only_when_the_text_mixes_case()
    {
        var plain = Compound("The answer was helpful.");

        Assert.True(Compound("The answer was HELPFUL.") > plain);
        Assert.True(Compound("The answer was VERY helpful.") > Compound("The answer was very helpful."));
        Assert.Equal(plain, Compound("THE ANSWER WAS HELPFUL."), 12);
    }

    [Fact]
    public void Should_add_emphasis_for_up_to_four_exclamation_marks_and_for_repeated_question_marks()
    {
        var plain = Compound("The answer was helpful");

        Assert.True(Compound("The answer was helpful!") > plain);
        Assert.True(Compound("The answer was helpful!!!!") > Compound("The answer was helpful!!"));
        Assert.Equal(Compound("The answer was helpful!!!!"), Compound("The answer was helpful!!!!!!!!"), 12);
        Assert.Equal(plain, Compound("The answer was helpful?"), 12);
        Assert.True(Compound("Why was it so awful??") < Compound("Why was it so awful?"));
        Assert.Equal(0, Compound("!!!! ????"));
    }

    [Theory]
    [InlineData("The plot was good, but the characters are uncompelling and the dialog is not great.")]
    [InlineData("I love the new dashboard")]
    [InlineData("The export is broken")]
    [InlineData("My order number is 12345")]
    public void Should_split_the_text_into_proportions_that_add_up_to_one(string text)
    {
        var score = Analyzer.Analyze(text);

        Assert.Equal(1, score.Positive + score.Neutral + score.Negative, 12);
        Assert.InRange(score.Compound, -1, 1);
    }

    [Theory]
    [InlineData(0.05, SentimentLabel.Positive, "positive")]
    [InlineData(0.0499, SentimentLabel.Neutral, "neutral")]
    [InlineData(-0.0499, SentimentLabel.Neutral, "neutral")]
    [InlineData(-0.05, SentimentLabel.Negative, "negative")]
    public void Should_label_the_compound_score_at_the_usual_thresholds(double compound, SentimentLabel label, string name)
    {
        var score = new SentimentScore(compound, 0, 1, 0);

        Assert.Equal(label, score.Label);
        Assert.Equal(name, score.Label.ToLowercaseName());
    }

    [Fact]
    public void Should_score_a_text_longer_than_the_limit_on_its_first_ten_thousand_characters()
    {
        var praise = string.Concat(Enumerable.Repeat("The agent was great. ", 480));
        var complaint = string.Concat(Enumerable.Repeat("Terrible, awful, horrible! ", 2_000));

        var score = Analyzer.Analyze(praise + complaint);

        Assert.True(praise.Length > SentimentAnalyzer.MaxTextLength);
        Assert.Equal(SentimentLabel.Negative, LabelOf(complaint));
        Assert.Equal(SentimentLabel.Positive, score.Label);
        Assert.Equal(Analyzer.Analyze(praise[..SentimentAnalyzer.MaxTextLength]), score);
    }

    [Fact]
    public void Should_give_the_same_scores_from_many_threads()
    {
        string[] texts = ["The food was good, but the service was terrible.", "Thanks 😁", "not bad at all!!", "VERY slow reply :("];
        var expected = texts.Select(t => new SentimentAnalyzer().Analyze(t)).ToArray();

        var results = new SentimentScore[400];
        Parallel.For(0, results.Length, i => results[i] = Analyzer.Analyze(texts[i % texts.Length]));

        for (var i = 0; i < results.Length; i++)
            Assert.Equal(expected[i % texts.Length], results[i]);
    }

    [Fact]
    public void Should_not_allocate_for_each_message()
    {
        string[] texts = ["The food was good, but the service was TERRIBLE!!", "Fixed it❤️👍🏽 thanks 😁", string.Concat(Enumerable.Repeat("Really not helpful at all. ", 200))];
        foreach (var text in texts)
            Analyzer.Analyze(text);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var round = 0; round < 1_000; round++)
        {
            foreach (var text in texts)
                Analyzer.Analyze(text);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.True(allocated < 4_096, $"{allocated} bytes allocated for 3,000 messages");
    }
}
