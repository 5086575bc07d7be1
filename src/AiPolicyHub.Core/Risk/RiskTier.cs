namespace AiPolicyHub.Core.Risk;

public enum RiskTier
{
    Low,
    Medium,
    High,
    Critical,
}
