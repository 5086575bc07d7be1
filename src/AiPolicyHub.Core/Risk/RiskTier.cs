using System.ComponentModel;

namespace AiPolicyHub.Core.Risk;

/// <summary>How much attention a workflow needs, from its residual risk score.</summary>
public enum RiskTier
{
    [Description("Low")] Low,
    [Description("Medium")] Medium,
    [Description("High")] High,
    [Description("Critical")] Critical,
}
