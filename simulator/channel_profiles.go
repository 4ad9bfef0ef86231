package simulator

// channelSources maps the subscription channels whose notifications reach a
// customer through a source profile to that source: WECHAT messages through
// the customer's WECHAT profile, app push (ANDROID, IOS) through the
// WEB_ENGAGE one.
var channelSources = map[string]Source{"WECHAT": SourceWeChat, "ANDROID": SourceWebEngage, "IOS": SourceWebEngage}

// ChannelProfileWarning returns the warning a read of c's subscriptions on
// channel (canonical, upper case) carries when c has no profile in the
// source behind it: 91016 "WECHAT profile is not available for the
// customer." or 91017 "WEB_ENGAGE profile is not available for the
// customer."; nil otherwise.
func (c *Customer) ChannelProfileWarning(channel string) *Error {
	src, ok := channelSources[channel]
	if !ok || len(c.ProfilesIn(src, "")) > 0 {
		return nil
	}
	if src == SourceWeChat {
		return Errorf(CodeWeChatProfileUnavailable)
	}
	return Errorf(CodeWebEngageProfileUnavailable)
}
