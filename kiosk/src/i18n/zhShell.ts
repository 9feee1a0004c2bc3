/**
 * The Chinese text the terminal shows before its first tap (the attract screen, header, footer with its 视频帮办
 * button and the read-aloud saying how to get help, the revoked
 * notice and a real terminal's 设备暂不可用 notice): part of the entry chunk. Everything else is in zhSession.ts, loaded at the first tap.
 */
export const zhShell = {
  appTitle: '政务服务自助终端',
  attractTouch: '点击屏幕开始',
  attractLoading: '正在加载服务目录，请稍候…',
  notice1: '就近办、自助办、随时办',
  notice2: '身份证、社保、医保、民政等事项可在本机自助办理',
  notice3: '办理完成后请为本次服务评价（好差评）',
  notice4: '离开前请取走您的身份证和打印材料',
  langSwitch: 'English',
  langSwitchLabel: '切换语言',
  elderOn: '长者模式',
  elderOff: '退出长者模式',
  readAgain: '重复朗读',
  helpCall: '视频帮办',
  helpSpoken: '如需帮助，请点击屏幕下方的“视频帮办”按钮，工作人员会通过视频为您服务。',
  back: '返回',
  home: '首页',
  statusOnline: '网络正常',
  statusOffline: '网络不可用',
  revokedTitle: '本机暂停服务',
  revokedBody: '请到服务窗口办理，工作人员会为您继续办理。',
  revokedKept: '本机已保存、尚未提交的业务会在恢复服务后自动提交。',
  devicesUnavailable: '设备暂不可用',
  devicesUnavailableHint: '读卡器和打印机暂时无法使用，可在下方输入身份证号码，或联系工作人员',
  attractStartFailed:
    '网络不可用，本机的服务页面尚未下载完成，暂时无法开始办理。请稍后再点击屏幕重试，或到服务窗口办理。',
} as const
