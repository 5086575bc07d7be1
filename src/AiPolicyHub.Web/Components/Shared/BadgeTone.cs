namespace AiPolicyHub.Web.Components.Shared;

/// <summary>The colour family of a <see cref="Badge"/>.</summary>
public enum BadgeTone { Neutral, Info, Success, Warning, Danger }
