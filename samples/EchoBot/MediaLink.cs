namespace Kryten.Samples.EchoBot;

/// <summary>A media item as CyTube identifies it: a two-letter type code and the provider id.</summary>
/// <param name="Type">CyTube media type code, e.g. <c>yt</c>, <c>vi</c>, <c>dm</c>.</param>
/// <param name="Id">The id CyTube expects in a <c>queue</c> frame for that type.</param>
internal readonly record struct MediaLink(string Type, string Id);
