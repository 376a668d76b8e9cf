import Foundation

/// Real-shaped chat and bill exports, built as their tools write them. One copy: the unit tests
/// compile this file through a link (Tests/EvidenceKitUnitTests/ExportBytes.swift).
enum ExportBytes {
    /// Foundation's GB18030 (what Alipay's "GBK" CSV is).
    static let gb18030 = String.Encoding(rawValue: 0x8000_0632)

    static func gb(_ text: String) -> [UInt8] { [UInt8](text.data(using: gb18030)!) }

    /// WeChatMsg-style TXT: `{time} {name}`, the content, a blank line.
    static let wechatTXT = """
    2026-11-06 20:15:33 张三
    你好，收到的耳机左耳没有声音，订单号：946799918587044260

    2026-11-06 20:16:02 声悦数码旗舰店
    [图片]

    2026-11-06 20:16:40 声悦数码旗舰店
    亲，麻烦提供一下视频哦

    2026-11-06 20:18:05 张三
    [语音]

    """

    /// WeChat exporters' CSV (UTF-8 with BOM); a quoted message holding a comma and a line break.
    static let wechatCSV = "\u{FEFF}localId,TalkerId,Type,SubType,IsSender,CreateTime,Status,StrContent,StrTime,Remark,NickName,Sender\r\n"
        + "1,12,1,0,1,1762431333,2,\"你好，订单号：946799918587044260, 耳机左耳没声音\",2026-11-06 20:15:33,,张三,wxid_me\r\n"
        + "2,12,3,0,0,1762431362,2,[图片],2026-11-06 20:16:02,,声悦数码旗舰店,wxid_shop\r\n"
        + "3,12,1,0,0,1762431400,2,\"亲，麻烦提供一下视频\n谢谢\",2026-11-06 20:16:40,,声悦数码旗舰店,wxid_shop\r\n"

    /// A chat copied from Qianniu/Wangwang: `{speaker} {time}`, then the message.
    static let qianniuText = """
    tb_buyer123 2026-11-07 20:36:10
    请问什么时候发货？订单号 9980666742072952528
    山野茶叶老字号:小茶 2026-11-07 20:37:02
    亲，48小时内发货的哦
    tb_buyer123 2026-11-10 09:17:45
    已经过了三天了还没有发货

    """

    /// The legacy 16-column Alipay bill (padded fields, a trailing comma, header and footer lines).
    static let alipayLegacy = """
    支付宝交易记录明细查询
    账号:[zhang***@example.com]
    起始日期:[2026-11-01 00:00:00]    终止日期:[2026-11-30 23:59:59]
    ---------------------------------交易记录明细列表------------------------------------
    交易号                  ,商家订单号               ,交易创建时间              ,付款时间                ,最近修改时间              ,交易来源地     ,类型              ,交易对方            ,商品名称                ,金额（元）   ,收/支     ,交易状态    ,服务费（元）   ,成功退款（元）  ,备注                  ,资金状态     ,
    2026110322007952471286562382\t,T200P946799918587044260\t,2026-11-03 11:09:14 ,2026-11-03 11:10:12 ,2026-11-03 11:10:12 ,其他（包括阿里巴巴和外部商家）,即时到账交易          ,深圳市声悦数码科技有限公司     ,蓝牙耳机真无线降噪超长续航     ,256.00  ,支出      ,交易成功    ,0.00     ,0.00     ,                    ,已支出      ,
    2026110522001100220033004455\t,                        ,2026-11-05 09:00:00 ,2026-11-05 09:00:00 ,2026-11-05 09:00:00 ,其他,即时到账交易          ,李四     ,转账     ,50.00  ,收入      ,交易成功    ,0.00     ,0.00     ,                    ,已收入      ,
    ------------------------------------------------------------------------------------
    共2笔记录
    已收入:1笔,50.00元
    待收入:0笔,0.00元
    已支出:1笔,256.00元
    导出时间:[2026-12-01 10:00:00]    用户:张三

    """

    /// The current 12-column Alipay bill.
    static let alipayCurrent = """
    ------------------------------------------------------------------------------------
    导出信息：
    姓名：张三
    支付宝账户：zhang***@example.com
    起始时间：[2026-11-01 00:00:00]    终止时间：[2026-11-30 23:59:59]
    导出交易类型：[全部]
    导出时间：[2026-12-01 10:00:00]
    共1笔记录
    收入：0笔 0.00元
    支出：1笔 269.00元
    不计收支：0笔 0.00元

    特别提示：
    1.本回单内容可表明支付宝受理了相关交易，不代表交易已经完成。
    ----------------------支付宝（中国）网络技术有限公司  电子客户回单------------------------
    交易时间,交易分类,交易对方,对方账号,商品说明,收/支,金额,收/付款方式,交易状态,交易订单号,商家订单号,备注,
    2026-11-03 11:52:05,服饰装扮,泉州潮流体育用品有限公司,cha***@163.com,减震运动鞋,支出,269.00,招商银行储蓄卡(8842),交易成功,2026110322007244701361585478\t,T200P4653852541350408445\t,\t,

    """
}
