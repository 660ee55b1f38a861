namespace CustomerPlatform.Ticketing.Tests;

/// <summary>
/// A customer's emailed reply goes on the ticket as only what they wrote this time: quoted history, signatures
/// and mobile footers go, forwarded messages stay, and a message that is nothing but a quote is kept whole.
/// </summary>
public sealed class When_an_email_body_is_trimmed
{
    private static string Lines(params string[] lines) => string.Join('\n', lines);

    [Fact]
    public void Should_cut_a_gmail_reply_at_its_attribution_line()
    {
        var body = Lines(
            "Hi Sam,",
            "",
            "The export works now, thank you.",
            "",
            "On Mon, 7 Dec 2026 at 10:00, Sam Support <support@example.com> wrote:",
            "> Could you try the export again?",
            "> ",
            "> Sam");

        Assert.Equal(Lines("Hi Sam,", "", "The export works now, thank you."), EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_cut_an_attribution_line_that_gmail_wrapped_over_two_lines()
    {
        var body = Lines(
            "Still broken, I'm afraid.",
            "",
            "On Mon, 7 Dec 2026 at 10:00, Samantha Supportington-Example <samantha.supportington@example.com>",
            "wrote:",
            "> Could you try the export again?");

        Assert.Equal("Still broken, I'm afraid.", EmailReplyText.Trim(body));
    }

    [Theory]
    [InlineData("Le lun. 7 déc. 2026 à 10:00, Sam Support <support@example.com> a écrit :")]
    [InlineData("Am Mo., 7. Dez. 2026 um 10:00 Uhr schrieb Sam Support <support@example.com>:")]
    [InlineData("El lun, 7 dic 2026 a las 10:00, Sam Support (<support@example.com>) escribió:")]
    public void Should_cut_at_a_french_german_or_spanish_attribution_line(string attribution)
    {
        var body = Lines("Merci, danke, gracias.", "", attribution, "> Could you try the export again?");

        Assert.Equal("Merci, danke, gracias.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_not_take_a_sentence_ending_in_wrote_for_an_attribution()
    {
        var body = Lines("On second thought, this is what my colleague wrote:", "", "The invoice total is wrong.");

        Assert.Equal(body, EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_cut_at_an_outlook_original_message_line()
    {
        var body = Lines(
            "Please cancel the extra seat.",
            "",
            "-----Original Message-----",
            "From: Sam Support <support@example.com>",
            "Sent: Monday, December 7, 2026 10:00 AM",
            "To: Ann Example <ann@example.com>",
            "Subject: RE: Seats",
            "",
            "Would you like us to cancel it?");

        Assert.Equal("Please cancel the extra seat.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_cut_at_an_outlook_header_block()
    {
        var body = Lines(
            "Yes, Tuesday at 3pm suits us.",
            "",
            "From: Sam Support <support@example.com>",
            "Sent: Monday, December 7, 2026 10:00 AM",
            "To: Ann Example <ann@example.com>",
            "Subject: RE: Onboarding call",
            "",
            "Does Tuesday work?");

        Assert.Equal("Yes, Tuesday at 3pm suits us.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_cut_at_a_header_block_with_a_date_line()
    {
        var body = Lines(
            "Attached is the screenshot.",
            "",
            "From: Sam Support <support@example.com>",
            "Date: Monday, 7 December 2026 at 10:00",
            "To: Ann Example <ann@example.com>",
            "Subject: Screenshot please",
            "",
            "Could you send a screenshot?");

        Assert.Equal("Attached is the screenshot.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_not_cut_at_a_from_line_without_a_header_block()
    {
        var body = Lines("From: the billing page, I clicked Upgrade.", "Nothing happened.");

        Assert.Equal(body, EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_cut_at_the_outlook_underscore_separator()
    {
        var body = Lines(
            "Thanks, that fixed it.",
            "",
            "________________________________",
            "From: Sam Support <support@example.com>",
            "Sent: 07 December 2026 10:00",
            "To: Ann Example <ann@example.com>",
            "Subject: Re: Login loop",
            "",
            "Please clear your cookies.");

        Assert.Equal("Thanks, that fixed it.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_remove_a_signature_after_the_dash_dash_space_line()
    {
        var body = Lines("The report is attached.", "", "-- ", "Ann Example", "Head of Finance, Example Ltd", "+44 20 7946 0000");

        Assert.Equal("The report is attached.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_remove_a_signature_after_a_bare_dash_dash_line()
    {
        var body = Lines("The report is attached.", "--", "Ann");

        Assert.Equal("The report is attached.", EmailReplyText.Trim(body));
    }

    [Theory]
    [InlineData("Sent from my iPhone")]
    [InlineData("Sent from my iPad")]
    [InlineData("Sent from my Android")]
    [InlineData("Sent from Outlook for iOS")]
    [InlineData("Get Outlook for Android<https://aka.example.com/ghei36>")]
    [InlineData("Sent from Mail for Windows")]
    public void Should_remove_a_mobile_footer_at_the_end(string footer)
    {
        var body = Lines("Can you call me back?", "", footer);

        Assert.Equal("Can you call me back?", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_a_mobile_footer_phrase_that_is_not_at_the_end()
    {
        var body = Lines("Sent from my iPhone", "is how every email from our team ends. Can we turn that off in your app?");

        Assert.Equal(body, EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_drop_a_quoted_block_at_the_end_with_the_footer_above_it()
    {
        var body = Lines(
            "Done, thanks!",
            "",
            "Sent from my iPhone",
            "",
            "> On 7 Dec 2026, at 10:00, Sam Support <support@example.com> wrote:",
            "> ",
            "> Could you confirm the new address?");

        Assert.Equal("Done, thanks!", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_the_answers_of_an_interleaved_reply()
    {
        var body = Lines(
            "> Which browser do you use?",
            "Firefox 140.",
            "",
            "> Does it happen in a private window too?",
            "",
            "Yes, every time.");

        Assert.Equal(Lines("Firefox 140.", "", "Yes, every time."), EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_interleaved_answers_under_an_attribution_line()
    {
        var body = Lines(
            "On Mon, 7 Dec 2026 at 10:00, Sam Support <support@example.com> wrote:",
            "> Which browser do you use?",
            "Firefox 140.",
            "> Does it happen in a private window too?",
            "Yes, every time.",
            "",
            "-- ",
            "Ann");

        Assert.Equal(Lines("Firefox 140.", "", "Yes, every time."), EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_a_message_that_is_only_a_quote_whole()
    {
        var body = Lines(
            "",
            "On Mon, 7 Dec 2026 at 10:00, Sam Support <support@example.com> wrote:",
            "> Is there anything else we can help with?",
            "");

        Assert.Equal(body.Trim(), EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_an_apple_mail_forwarded_message()
    {
        var body = Lines(
            "This is the invoice I mentioned.",
            "",
            "Begin forwarded message:",
            "",
            "From: Billing <billing@example.com>",
            "Subject: Invoice 1042",
            "Date: 7 December 2026 at 10:00:00 GMT",
            "To: Ann Example <ann@example.com>",
            "",
            "Your invoice for December is attached.");

        Assert.Equal(body, EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_a_gmail_forwarded_message_without_a_note()
    {
        var body = Lines(
            "---------- Forwarded message ---------",
            "From: Billing <billing@example.com>",
            "Date: Mon, 7 Dec 2026 at 10:00",
            "Subject: Invoice 1042",
            "To: <ann@example.com>",
            "",
            "Your invoice for December is attached.");

        Assert.Equal(body, EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_an_outlook_forward_but_drop_the_note_signature()
    {
        var body = Lines(
            "See below.",
            "-- ",
            "Ann",
            "",
            "________________________________",
            "From: Billing <billing@example.com>",
            "Sent: Monday, December 7, 2026 10:00 AM",
            "To: Ann Example <ann@example.com>",
            "Subject: FW: Invoice 1042",
            "",
            "Your invoice for December is attached.");

        var trimmed = EmailReplyText.Trim(body);

        Assert.StartsWith(Lines("See below.", "", "________________________________", "From: Billing"), trimmed);
        Assert.EndsWith("Your invoice for December is attached.", trimmed);
    }

    [Fact]
    public void Should_accept_crlf_line_endings_and_return_lf()
    {
        var body = "Hi,\r\n\r\nThe export works now.  \r\n\r\nOn Mon, 7 Dec 2026 at 10:00, Sam Support <support@example.com> wrote:\r\n> Try again?\r\n";

        Assert.Equal("Hi,\n\nThe export works now.", EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_keep_the_new_text_verbatim()
    {
        var body = Lines("", "  Step 1: open Settings", "  Step 2: click Export", "", "", "It fails at step 2.   ", "");

        Assert.Equal(Lines("  Step 1: open Settings", "  Step 2: click Export", "", "", "It fails at step 2."), EmailReplyText.Trim(body));
    }

    [Fact]
    public void Should_drop_a_gmail_quote_from_an_html_reply()
    {
        const string html = """
            <div dir="ltr"><div>Hi Sam,</div><div><br></div><div>The export works now.</div></div><br>
            <div class="gmail_quote gmail_quote_container"><div dir="ltr" class="gmail_attr">On Mon, 7 Dec 2026 at 10:00, Sam Support &lt;<a href="mailto:support@example.com">support@example.com</a>&gt; wrote:<br></div>
            <blockquote class="gmail_quote" style="margin:0px 0px 0px 0.8ex"><div dir="ltr">Could you try the export again?</div></blockquote></div>
            """;

        Assert.Equal(Lines("Hi Sam,", "", "The export works now."), EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_drop_outlook_history_from_its_reply_header_on()
    {
        const string html = """
            <html><head><style>p { margin: 0 }</style></head><body>
            <div style="font-family: Aptos">Please add two seats.</div>
            <div id="appendonsend"></div>
            <hr style="display:inline-block;width:98%" tabindex="-1">
            <div id="divRplyFwdMsg" dir="ltr"><font face="Calibri" style="font-size:11pt"><b>From:</b> Sam Support &lt;support@example.com&gt;<br><b>Sent:</b> Monday, December 7, 2026 10:00 AM<br><b>To:</b> Ann Example &lt;ann@example.com&gt;<br><b>Subject:</b> RE: Seats</font><div>&nbsp;</div></div>
            <div>How many seats do you need?</div>
            </body></html>
            """;

        Assert.Equal("Please add two seats.", EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_drop_outlook_history_when_the_header_is_nested()
    {
        const string html = """
            <div><p>Invoice paid today.</p>
            <div><div id="divRplyFwdMsg"><b>From:</b> Billing &lt;billing@example.com&gt;<br><b>Subject:</b> Invoice</div><p>Your invoice is due.</p></div>
            <p>Old footer</p></div>
            <p>Older history</p>
            """;

        Assert.Equal("Invoice paid today.", EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_keep_an_outlook_html_forward()
    {
        const string html = """
            <div>FYI</div><div id="appendonsend"></div><hr>
            <div id="divRplyFwdMsg"><b>From:</b> Billing &lt;billing@example.com&gt;<br><b>Sent:</b> Monday, December 7, 2026 10:00 AM<br><b>To:</b> Ann Example &lt;ann@example.com&gt;<br><b>Subject:</b> FW: Invoice 1042</div>
            <div>Your invoice is attached.</div>
            """;

        var text = EmailReplyText.FromHtml(html);

        Assert.Equal(text, EmailReplyText.Trim(text));
        Assert.EndsWith("Your invoice is attached.", text);
    }

    [Fact]
    public void Should_drop_an_apple_mail_cite_blockquote()
    {
        const string html = """
            <html><body dir="auto">Works for me.<br><br><div dir="ltr">Sent from my iPhone</div><div dir="ltr"><br><blockquote type="cite">On 7 Dec 2026, at 10:00, Sam Support &lt;support@example.com&gt; wrote:<br><br></blockquote></div><blockquote type="cite"><div dir="ltr">Shall we book it?</div></blockquote></body></html>
            """;

        Assert.Equal("Works for me.", EmailReplyText.Trim(EmailReplyText.FromHtml(html)));
    }

    [Fact]
    public void Should_keep_an_apple_mail_html_forward()
    {
        const string html = """
            <div>Look at this.</div><div><br><div>Begin forwarded message:</div><br class="Apple-interchange-newline"><blockquote type="cite"><div><b>From: </b>Billing &lt;billing@example.com&gt;</div><div><b>Subject: </b>Invoice 1042</div><br><div>Your invoice is attached.</div></blockquote></div>
            """;

        Assert.Equal(
            Lines("Look at this.", "", "Begin forwarded message:", "", "From: Billing <billing@example.com>", "Subject: Invoice 1042", "", "Your invoice is attached."),
            EmailReplyText.Trim(EmailReplyText.FromHtml(html)));
    }

    [Fact]
    public void Should_keep_a_gmail_html_forward()
    {
        const string html = """
            <div dir="ltr">See below.<br><br><div class="gmail_quote"><div dir="ltr" class="gmail_attr">---------- Forwarded message ---------<br>From: <strong class="gmail_sendername">Billing</strong> <span>&lt;billing@example.com&gt;</span><br>Date: Mon, 7 Dec 2026 at 10:00<br>Subject: Invoice 1042<br></div><br><div>Your invoice is attached.</div></div></div>
            """;

        Assert.Equal(
            Lines("See below.", "", "---------- Forwarded message ---------", "From: Billing <billing@example.com>", "Date: Mon, 7 Dec 2026 at 10:00", "Subject: Invoice 1042", "", "Your invoice is attached."),
            EmailReplyText.Trim(EmailReplyText.FromHtml(html)));
    }

    [Fact]
    public void Should_drop_a_yahoo_quote()
    {
        const string html = """
            <div class="yahoo-style-wrap"><div>Please reset my password.</div></div><div id="yahoo_quoted_1" class="yahoo_quoted"><div>On Monday, 7 December 2026, 10:00:00 GMT, Sam Support &lt;support@example.com&gt; wrote:</div><div>Anything else?</div></div>
            """;

        Assert.Equal("Please reset my password.", EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_turn_br_p_and_list_items_into_lines()
    {
        const string html = """
            <p>First line<br>Second line</p>
            <p>Third   line,
               same paragraph</p>
            <ul><li>Apples</li><li>Pears</li></ul>
            <table><tr><td>Plan</td><td>Team</td></tr><tr><td>Seats</td><td>5</td></tr></table>
            """;

        Assert.Equal(
            Lines("First line", "Second line", "Third line, same paragraph", "Apples", "Pears", "Plan Team", "Seats 5"),
            EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_collapse_runs_of_blank_lines_to_one()
    {
        const string html = "<div>Hello</div><div><br></div><div><br></div><p>&nbsp;</p><div><br></div><div>World</div>";

        Assert.Equal(Lines("Hello", "", "World"), EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_decode_entities()
    {
        const string html = "<p>Tom &amp; Jerry&#39;s plan costs &pound;10 &lt;per seat&gt;&nbsp;&mdash; &quot;fair&quot;</p>";

        Assert.Equal("Tom & Jerry's plan costs £10 <per seat> — \"fair\"", EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_drop_style_script_and_head_content()
    {
        const string html = """
            <html><head><title>Re: Seats</title><style>.x { color: red }</style></head>
            <body><style>p { margin: 0 }</style><script>alert('x')</script><p>Just the text.</p></body></html>
            """;

        Assert.Equal("Just the text.", EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_keep_preformatted_text_as_written()
    {
        const string html = "<p>Log:</p><pre>line 1\n    indented line 2</pre>";

        Assert.Equal(Lines("Log:", "line 1", "    indented line 2"), EmailReplyText.FromHtml(html));
    }

    [Fact]
    public void Should_cut_an_outlook_desktop_html_reply_once_trimmed()
    {
        const string html = """
            <html><body lang="EN-GB"><div class="WordSection1"><p class="MsoNormal">Confirmed, thanks.<o:p></o:p></p>
            <p class="MsoNormal"><o:p>&nbsp;</o:p></p>
            <div style="border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm">
            <p class="MsoNormal"><b>From:</b> Sam Support &lt;support@example.com&gt; <br><b>Sent:</b> 07 December 2026 10:00<br><b>To:</b> Ann Example &lt;ann@example.com&gt;<br><b>Subject:</b> RE: Renewal<o:p></o:p></p></div>
            <p class="MsoNormal">Can you confirm the renewal?</p></div></body></html>
            """;

        Assert.Equal("Confirmed, thanks.", EmailReplyText.Trim(EmailReplyText.FromHtml(html)));
    }

    [Fact]
    public void Should_survive_deeply_nested_html()
    {
        var html = string.Concat(Enumerable.Repeat("<span>", 5_000)) + "Deep" + string.Concat(Enumerable.Repeat("</span>", 5_000));

        Assert.Equal("Deep", EmailReplyText.FromHtml(html));
    }
}
