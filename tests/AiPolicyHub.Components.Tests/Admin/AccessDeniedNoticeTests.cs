using AiPolicyHub.Web.Components.Shared;

namespace AiPolicyHub.Components.Tests.Admin;

public sealed class AccessDeniedNoticeTests : ComponentTest
{
    [Fact]
    public void The_notice_says_why_whom_to_ask_and_leads_back_to_the_dashboard()
    {
        var notice = Render<AccessDeniedNotice>();

        Assert.Equal("Access denied", notice.Find("h1").TextContent.Trim());
        Assert.Contains("Your role does not allow this page. If you need it, ask an administrator to change your role.", notice.Markup);
        var back = notice.Find("a");
        Assert.Equal("/", back.GetAttribute("href"));
        Assert.Equal("Back to the dashboard", back.TextContent.Trim());
    }
}
