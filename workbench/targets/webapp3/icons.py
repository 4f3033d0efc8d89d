"""The icon names Web App 3 draws toolbar and participant-action buttons with (a failed reply for any other name).

The names of `IconCollection` in `@pexip/components` 19.0.0, the design system the app draws its icons from (every
earlier release's names are among them); a plugin may also give `{custom: {main, hover}}` (its own images).
"""

ICON_NAMES = frozenset("""
IconAdd IconAddSomeone IconAdjust IconAdmit IconAiAssistant IconAlert IconAnalyticsChart IconAnalyticsProgress
IconAndroidLogo IconAppleLogo IconArrowCornerDown IconArrowDown IconArrowLeft IconArrowLeftRegular IconArrowRight
IconArrowUp IconAuthenticated IconBackgroundBlur IconBackspace IconBackToTop IconBandwidth IconBell IconBilling
IconBlock IconBluetooth IconBreakoutRooms IconBulletPoint IconCalendar IconChat IconCheckmark IconCheckmarkRound
IconChevronDown IconChevronLeft IconChevronRight IconChevronUp IconChromeLogo IconClock IconClose IconColumns
IconConnectionIndicatorHigh IconConnectionIndicatorLow IconConnectionIndicatorMedium IconConnectionIndicatorVeryLow
IconCopy IconDeny IconDoubleChevronDown IconDoubleChevronLeft IconDoubleChevronRight IconDoubleChevronUp
IconDraggable IconDtmf IconDualScreen IconEdit IconEmoji IconExpand IconExport IconFecc IconFirefoxLogo
IconFlipCamera IconFullscreenOff IconFullscreenOn IconGeneric2 IconGroup IconGuest IconHeadset IconHelpRound
IconHome IconHospital IconHost IconImport IconInfoRound IconKey IconLeave IconLink IconLiveCaption IconLiveStream
IconLiveStreamCloud IconLocation IconLock IconLowerhand IconMail IconMeetingRoom IconMeetings
IconMicrophoneMutedByHost IconMicrophoneOff IconMicrophoneOn IconMinus IconMoreHorizontal IconMoreVertical IconMove
IconNotauthenticated IconOpenInNew IconParticipant IconPasswordHide IconPasswordShow IconPause IconPexip
IconPexipLogo IconPhone IconPhoneHorisontal IconPhoneTalk IconPin IconPlay IconPlayRound IconPlus
IconPresentationOff IconPresentationOn IconRaiseHand IconRecording IconRefresh IconRemoteControl IconSearch IconSend
IconSettings IconSettingsMeeting IconShare IconShield IconShuffle IconSpeakerDisabled IconSpeakerOff IconSpeakerOn
IconSpotlight IconStar IconStopRound IconSupport IconTestScriptIcon IconThumbsDown IconThumbsUp IconTimer
IconTranscript IconTrash IconUnlock IconVideoOff IconVideoOn IconVideoSystems IconWaiting IconWarning
IconWarningRound
""".split())
