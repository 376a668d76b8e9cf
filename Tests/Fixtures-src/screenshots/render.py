#!/usr/bin/env python3
"""Renders the screenshot fixtures in Tests/Fixtures/screenshots/ from HTML mock-ups.

What a shopper screenshots on a phone (Taobao order detail, logistics, Alipay bill, chat in
light and dark mode, listing, merchant licence, refund) is written here as HTML, rendered by
headless Chromium at phone size (360x780 CSS px at device scale 3 = 1080x2340 px), then
re-saved as chat apps do (JPEG quality 75 at half size) and cropped, with ImageMagick.
labels.json beside the images lists, per fixture, the expected evidence role (the raw values of
EvidenceRole) and every fact the image shows, so tests and the accuracy script can compare.

Needs (only to regenerate; the tests read the committed images): Debian `chromium`,
`fonts-noto-cjk`, `imagemagick`. Run from anywhere:

    python3 Tests/Fixtures-src/screenshots/render.py

Deterministic: the variants come from a fixed seed, Chromium renders the same pixels for the
same HTML and fonts, and ImageMagick writes without timestamps (-strip, no date chunks). The two
PDFs carry Chromium's creation date in their metadata, so their bytes change on each run while
their text and pages do not.
"""

import html
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
OUT = os.path.join(ROOT, "Fixtures", "screenshots")
SEED = 20261201

CSS = open(os.path.join(HERE, "style.css"), encoding="utf-8").read()

# ---------------------------------------------------------------------------------------------
# Data the variants are drawn from.

SHOPS = [
    ("声悦数码旗舰店", "深圳市声悦数码科技有限公司"),
    ("优品家居专营店", "杭州优品家居用品有限公司"),
    ("潮流运动官方店", "泉州潮流体育用品有限公司"),
    ("小鹿母婴生活馆", "上海小鹿母婴用品有限公司"),
    ("极客电脑配件店", "广州极客电子商务有限公司"),
    ("山野茶叶老字号", "福建山野茶业有限公司"),
    ("美妆严选小店", "义乌美妆严选贸易有限公司"),
    ("安心厨电旗舰店", "宁波安心厨房电器有限公司"),
]
ITEMS = [
    ("蓝牙耳机 真无线降噪 超长续航", "颜色分类：白色", 128.00),
    ("不锈钢保温杯 500ml 大容量", "颜色分类：雾蓝", 59.90),
    ("男款透气跑步鞋 减震运动鞋", "尺码：42", 269.00),
    ("婴儿纯棉连体衣 三件装", "尺码：73cm", 89.00),
    ("机械键盘 87键 热插拔 青轴", "轴体：青轴", 199.00),
    ("明前龙井 特级 250g 礼盒装", "规格：250g", 328.00),
    ("保湿修护面霜 50ml", "规格：50ml", 146.50),
    ("电热水壶 1.7L 家用 304不锈钢", "颜色分类：白色", 79.00),
    ("智能手环 心率血氧监测", "颜色分类：黑色", 159.00),
    ("电动牙刷 声波 充电款", "颜色分类：粉色", 99.90),
]
COURIERS = ["中通快递", "顺丰速运", "圆通速递", "韵达快递", "申通快递", "京东物流", "EMS"]
TRACKING_PREFIX = {"中通快递": "7835", "顺丰速运": "SF14", "圆通速递": "YT78", "韵达快递": "4341",
                   "申通快递": "7730", "京东物流": "JDVC", "EMS": "9860"}
CITIES = ["杭州市", "深圳市", "广州市", "上海市", "泉州市", "宁波市", "义乌市", "福州市"]
DEST = ["北京市朝阳区", "成都市武侯区", "武汉市洪山区", "南京市鼓楼区", "西安市雁塔区"]
PAY_METHODS = ["花呗", "余额宝", "招商银行储蓄卡(8842)", "账户余额", "建设银行信用卡(0731)"]
LEGAL_REPS = ["王建国", "李晓梅", "陈志强", "张丽华", "刘海波", "赵婷", "孙国庆", "周明"]
REFUND_REASONS = ["质量问题", "商品与描述不符", "少件/漏发", "收到商品破损", "假冒品牌"]
CHAT_LINES = [
    ("me", "你好，收到的耳机左耳没有声音"),
    ("them", "亲，您好，麻烦提供一下视频哦"),
    ("me", "视频已经发你了，充电仓也有裂纹"),
    ("them", "亲，这个是人为损坏，不支持退货呢"),
    ("me", "我拆开就是这样的，有开箱视频"),
    ("them", "亲，我们这边帮您申请一下"),
    ("me", "请尽快处理，不然我申请平台介入"),
]
CHAT_LINES_2 = [
    ("me", "请问什么时候发货？"),
    ("them", "亲，48小时内发货的哦"),
    ("me", "已经过了三天了还没有发货"),
    ("them", "抱歉亲，仓库缺货，正在调货"),
    ("me", "那我申请退款吧"),
    ("them", "好的亲，您直接申请就可以"),
]

# Unified social credit code (GB 32100-2015): 18 characters with a check character.
CC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_code(rng, region):
    body = "91" + region + "".join(rng.choice(CC_ALPHABET) for _ in range(9))
    total = sum(CC_ALPHABET.index(c) * w for c, w in zip(body, CC_WEIGHTS))
    return body + CC_ALPHABET[(31 - total % 31) % 31]


def ts(day, h, m, s, month=11):
    return f"2026-{month:02d}-{day:02d} {h:02d}:{m:02d}:{s:02d}"


def digits(rng, n):
    return str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))


def esc(s):
    return html.escape(str(s))


# ---------------------------------------------------------------------------------------------
# Page pieces.

def page(body, title, theme="light", clock="20:33", extra_class=""):
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>{CSS}</style></head>
<body class="{theme} {extra_class}"><div class="status"><span>{clock}</span><span>5G ▮▮▮ 86%</span></div>
<div class="nav"><span class="back">‹</span><span class="title">{esc(title)}</span><span class="more">···</span></div>
{body}</body></html>"""


def rows(pairs):
    return "".join(f'<div class="row"><span class="k">{esc(k)}</span><span class="v">{esc(v)}</span></div>'
                   for k, v in pairs)


def order_page(v, en=False):
    if en:
        labels = dict(title="Order Details", no="Order No.", created="Created", paid="Paid",
                      shipped="Shipped", done="Completed", pay="Actual Payment", ship="Shipping",
                      total="Item Total", status={"done": "Transaction successful",
                                                   "shipped": "Seller has shipped"}[v["state"]],
                      copy="Copy", buttons=("Apply for Refund", "View Logistics", "Confirm Receipt"))
    else:
        labels = dict(title="订单详情", no="订单编号", created="创建时间", paid="付款时间",
                      shipped="发货时间", done="成交时间", pay="实付款", ship="运费",
                      total="商品总价", status={"done": "交易成功", "shipped": "卖家已发货"}[v["state"]],
                      copy="复制", buttons=("申请售后", "查看物流", "确认收货"))
    times = [(labels["created"], v["ordered_at"]), (labels["paid"], v["paid_at"]),
             (labels["shipped"], v["shipped_at"])]
    if v["state"] == "done":
        times.append((labels["done"], v["completed_at"]))
    body = f"""
<div class="banner orange"><div class="big">{esc(labels['status'])}</div></div>
<div class="card addr"><div class="name">收货人：{esc(v['buyer'])} 138****2046</div><div class="small">{esc(v['address'])}</div></div>
<div class="card"><div class="shop"><span class="shopicon"></span>{esc(v['shop'])} ›</div>
<div class="item"><div class="thumb"></div><div class="info"><div class="t">{esc(v['item'])}</div><div class="small">{esc(v['spec'])}</div></div>
<div class="price">¥{v['price']:.2f}<div class="small">x{v['qty']}</div></div></div>
{rows([(labels['total'], f"¥{v['price'] * v['qty']:.2f}"), (labels['ship'], "¥0.00")])}
<div class="row strong"><span class="k">{esc(labels['pay'])}</span><span class="v red">¥{v['amount']}</span></div></div>
<div class="card"><div class="row"><span class="k">{esc(labels['no'])}</span><span class="v">{v['order_number']} <span class="chip">{esc(labels['copy'])}</span></span></div>
{rows(times)}</div>
<div class="actions">{''.join(f'<span class="btn">{esc(b)}</span>' for b in labels['buttons'])}</div>"""
    return page(body, labels["title"], clock=v["clock"])


def logistics_page(v, en=False):
    events = v["events"]
    if en:
        title, no, courier_label, signed_word = "Logistics Details", "Tracking No.", "Courier", "Delivered"
    else:
        title, no, courier_label, signed_word = "物流详情", "运单号", "快递公司", "已签收"
    head_state = signed_word if v["signed"] else ("In transit" if en else "运输中")
    tl = "".join(
        f'<div class="ev{" first" if i == 0 else ""}"><div class="dot"></div><div class="etxt"><div class="est">{esc(st)}</div>'
        f'<div class="edesc">{esc(desc)}</div><div class="etime">{esc(t)}</div></div></div>'
        for i, (st, desc, t) in enumerate(events))
    body = f"""
<div class="card"><div class="item"><div class="thumb"></div><div class="info"><div class="t big2">{esc(head_state)}</div>
<div class="small">{esc(v['item'])}</div></div></div>
{rows([(courier_label, v['courier']), (no, v['tracking_number'])])}</div>
<div class="card timeline">{tl}</div>"""
    return page(body, title, clock=v["clock"])


def alipay_page(v, en=False):
    if en:
        title = "Bill Details"
        pairs = [("Status", "Payment successful"), ("Payment Method", v["method"]),
                 ("Description", v["item"]), ("Payee", v["merchant"]), ("Created", v["ordered_at"]),
                 ("Payment Time", v["paid_at"]), ("Transaction No.", v["trade_number"]),
                 ("Merchant Order No.", v["order_number"])]
        status = "Payment successful"
    else:
        title = "账单详情"
        pairs = [("当前状态", "支付成功"), ("付款方式", v["method"]), ("商品说明", v["item"]),
                 ("收款方全称", v["merchant"]), ("创建时间", v["ordered_at"]), ("支付时间", v["paid_at"]),
                 ("交易号", v["trade_number"]), ("商家订单号", v["order_number"])]
        status = "交易成功"
    body = f"""
<div class="card center"><div class="logo">淘</div><div class="small">{esc(v['shop'])}</div>
<div class="amount">-{v['amount']}</div><div class="small">{esc(status)}</div></div>
<div class="card bill">{rows(pairs)}</div>
<div class="card">{rows([("账单分类" if not en else "Category", "数码电器" if not en else "Electronics"), ("对此订单有疑问" if not en else "Questions about this bill", "›")])}</div>"""
    return page(body, title, clock=v["clock"], extra_class="white")


def chat_page(v):
    parts = []
    if v.get("card"):
        parts.append(f'<div class="ordercard"><div class="thumb"></div><div class="info"><div class="t">{esc(v["item"])}</div>'
                     f'<div class="small">订单号：{v["order_number"]}</div><div class="small">{esc(v["card_state"])}</div></div></div>')
    for entry in v["messages"]:
        if entry[0] == "time":
            parts.append(f'<div class="thead">{esc(entry[1])}</div>')
        else:
            side, text = entry
            parts.append(f'<div class="msg {side}"><div class="avatar"></div><div class="bubble">{esc(text)}</div></div>')
    body = f'<div class="chat">{"".join(parts)}</div><div class="inputbar"><span class="inp"></span><span>＋</span></div>'
    return page(body, v["shop"], theme=v["theme"], clock=v["clock"], extra_class=f"chatpage bubble-{v['bubble']}")


def listing_page(v):
    body = f"""
<div class="hero"></div>
<div class="card"><div class="pricebar"><span class="bigprice">¥{v['price']}</span><span class="small">月销 {esc(v['sales'])}</span></div>
<div class="t big2">{esc(v['item'])}</div>
<div class="small">保障 · 7天无理由退货 · 运费险 · 极速退款</div><div class="small">发货 {esc(v['city'])} · 快递 免运费</div></div>
<div class="card"><div class="shop"><span class="shopicon"></span>{esc(v['shop'])}</div><div class="small">宝贝描述 4.8 · 卖家服务 4.8 · 物流服务 4.7</div>
<div class="row"><span class="chip">进店逛逛</span><span class="chip">全部宝贝</span></div></div>
<div class="buybar"><span class="ic">店铺</span><span class="ic">客服</span><span class="ic">收藏</span><span class="cart">加入购物车</span><span class="buy">立即购买</span></div>"""
    return page(body, "商品详情", clock=v["clock"])


def licence_page(v):
    pairs = [("统一社会信用代码", v["credit_code"]), ("名称", v["merchant"]),
             ("类型", "有限责任公司（自然人投资或控股）"), ("法定代表人", v["legal"]),
             ("注册资本", v["capital"]), ("成立日期", v["founded"]), ("住所", v["reg_address"])]
    body = f"""
<div class="small pad">以下营业执照信息根据国家工商总局数据，由商家上传</div>
<div class="licence"><div class="lt">营业执照</div>{rows(pairs)}
<div class="small">经营范围：{esc(v['scope'])}</div><div class="sealrow"><div class="seal">登记机关</div></div></div>"""
    return page(body, "证照信息", clock=v["clock"], extra_class="white")


def refund_page(v):
    pairs = [("退款原因", v["reason"]), ("退款金额", f"¥{v['refund']}"), ("申请时间", v["applied_at"]),
             ("退款编号", v["refund_number"]), ("订单编号", v["order_number"])]
    body = f"""
<div class="banner gray"><div class="big">商家拒绝退款</div><div class="small">商家拒绝了您的退款申请，您可以修改申请或申请平台介入</div></div>
<div class="card"><div class="small">拒绝原因：{esc(v['refusal'])}</div></div>
<div class="card"><div class="shop"><span class="shopicon"></span>{esc(v['shop'])}</div>
<div class="item"><div class="thumb"></div><div class="info"><div class="t">{esc(v['item'])}</div></div></div>
<div class="t">退款详情</div>{rows(pairs)}</div>
<div class="actions"><span class="btn">修改申请</span><span class="btn">申请平台介入</span></div>"""
    return page(body, "退款详情", clock=v["clock"])


def receipt_html(v):
    pairs = [("交易号", v["trade_number"]), ("商家订单号", v["order_number"]), ("付款方", "张**（138****2046）"),
             ("收款方", v["merchant"]), ("交易金额", f"{v['amount']} 元"), ("支付时间", v["paid_at"]),
             ("商品说明", v["item"])]
    trs = "".join(f"<tr><th>{esc(k)}</th><td>{esc(x)}</td></tr>" for k, x in pairs)
    return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{{font-family:'Noto Sans CJK SC',sans-serif;margin:40px;color:#111}}
h1{{text-align:center;font-size:26px}} table{{border-collapse:collapse;width:100%;font-size:16px}}
th,td{{border:1px solid #444;padding:10px;text-align:left}} th{{width:30%;background:#f2f2f2}}
.note{{font-size:12px;color:#444;margin-top:24px}}</style></head><body>
<h1>支付宝电子回单</h1><p>回单编号：{v['receipt_number']}</p><table>{trs}</table>
<p class="note">本回单仅证明用户已通过支付宝完成上述交易，不作为收款方发货依据。</p></body></html>"""


# ---------------------------------------------------------------------------------------------
# Variants.

def make_cases(rng):
    """Every screenshot to render: (name, role, html, facts, key_lines)."""
    cases = []
    for i in range(10):
        shop, merchant = SHOPS[i % len(SHOPS)]
        item, spec, price = ITEMS[i % len(ITEMS)]
        qty = 1 if i % 4 else 2
        amount = f"{price * qty:.2f}"
        day = 1 + rng.randint(0, 8)
        ordered = (day, rng.randint(8, 21), rng.randint(0, 59), rng.randint(0, 59))
        paid = (day, ordered[1], min(ordered[2] + 1, 59), rng.randint(0, 59))
        shipped = (day + 1, rng.randint(9, 18), rng.randint(0, 59), rng.randint(0, 59))
        signed = (day + 3, rng.randint(9, 19), rng.randint(0, 59), rng.randint(0, 59))
        completed = (day + 5, rng.randint(9, 22), rng.randint(0, 59), rng.randint(0, 59))
        courier = COURIERS[i % len(COURIERS)]
        prefix = TRACKING_PREFIX[courier]
        tracking = prefix + digits(rng, 15 - len(prefix))
        order_number = digits(rng, 19 if i % 3 else 18)
        trade_number = f"2026{11:02d}{paid[0]:02d}" + "2200" + digits(rng, 16)
        v = dict(
            shop=shop, merchant=merchant, item=item, spec=spec, price=price, qty=qty, amount=amount,
            order_number=order_number, trade_number=trade_number, courier=courier, tracking_number=tracking,
            ordered_at=ts(*ordered), paid_at=ts(*paid), shipped_at=ts(*shipped), signed_at=ts(*signed),
            completed_at=ts(*completed), state="done" if i % 3 != 2 else "shipped",
            buyer=["张三", "李四", "王五", "赵六"][i % 4], address=f"{DEST[i % len(DEST)]}某某路{10 + i}号 {3 + i}栋{101 + i}室",
            clock=f"{20 + i % 3}:{10 + 4 * i:02d}", method=PAY_METHODS[i % len(PAY_METHODS)],
            city=CITIES[i % len(CITIES)])
        cases.append(v)
    return cases


def build(rng):
    out = []
    base = make_cases(rng)

    def add(name, role, html_text, facts, key_lines, **extra):
        out.append(dict(name=name, role=role, html=html_text, facts=facts, key_lines=key_lines, **extra))

    # Order detail: 8 Chinese, 2 English.
    for i, v in enumerate(base[:8]):
        facts = dict(order_number=v["order_number"], amount_paid=v["amount"], ordered_at=v["ordered_at"],
                     paid_at=v["paid_at"], shipped_at=v["shipped_at"], shop=v["shop"])
        add(f"order-{i + 1:02d}", "order-screenshot", order_page(v), facts,
            ["订单详情", "订单编号", "实付款", v["order_number"]])
    for i, v in enumerate(base[8:10]):
        facts = dict(order_number=v["order_number"], amount_paid=v["amount"], ordered_at=v["ordered_at"],
                     paid_at=v["paid_at"], shipped_at=v["shipped_at"], shop=v["shop"])
        add(f"order-en-{i + 1:02d}", "order-screenshot", order_page(v, en=True), facts,
            ["Order Details", "Order No.", v["order_number"]], lang="en")

    # Logistics: 6 Chinese (5 signed, 1 in transit), 1 English.
    for i, v in enumerate(base[:7]):
        en = i == 6
        city, dest = v["city"], DEST[i % len(DEST)]
        ship_ev = ("已发货" if not en else "Shipped", "包裹正在等待揽收" if not en else "The parcel is waiting for pickup", v["shipped_at"])
        pick_t = v["shipped_at"][:11] + f"{min(int(v['shipped_at'][11:13]) + 2, 23):02d}" + v["shipped_at"][13:]
        events = [("已揽件" if not en else "Picked up", f"【{city}】{v['courier']} 已揽收", pick_t), ship_ev]
        mid = [("运输中" if not en else "In transit", f"快件已到达【{dest[:3]}转运中心】", v["signed_at"][:8] + f"{int(v['signed_at'][8:10]) - 1:02d} 06:12:40"),
               ("派送中" if not en else "Out for delivery", f"【{dest}】快递员正在派件，电话 186****3302", v["signed_at"][:11] + "08:05:11")]
        signed = i != 5
        events = events + mid[:1]
        if signed:
            events += mid[1:] + [("已签收" if not en else "Delivered",
                                  f"您的快件已签收，签收人：本人。感谢使用{v['courier']}" if not en
                                  else f"Signed for by the recipient. Thank you for choosing {v['courier']}",
                                  v["signed_at"])]
        # newest first, as the app shows them
        events = sorted(events, key=lambda e: e[2], reverse=True)
        lv = dict(v, events=events, signed=signed)
        facts = dict(courier=v["courier"], tracking_number=v["tracking_number"], shipped_at=v["shipped_at"])
        if signed:
            facts["signed_at"] = v["signed_at"]
        name = f"logistics-{i + 1:02d}" if not en else "logistics-en-01"
        keys = (["物流详情", "运单号", v["tracking_number"]] + (["已签收"] if signed else [])) if not en else ["Logistics Details", v["tracking_number"]]
        add(name, "logistics-record", logistics_page(lv, en=en), facts, keys, **({"lang": "en"} if en else {}))

    # Alipay bill: 6 Chinese, 1 English.
    for i, v in enumerate(base[2:9]):
        en = i == 6
        facts = dict(amount_paid=v["amount"], paid_at=v["paid_at"], trade_number=v["trade_number"],
                     order_number=v["order_number"], merchant_name=v["merchant"], shop=v["shop"])
        name = f"alipay-{i + 1:02d}" if not en else "alipay-en-01"
        keys = ["账单详情", "交易号", v["trade_number"], v["order_number"]] if not en else ["Bill Details", v["trade_number"]]
        add(name, "payment-receipt", alipay_page(v, en=en), facts, keys, **({"lang": "en"} if en else {}))

    # Chat: light and dark, green and blue bubbles, with and without an order card.
    styles = [("light", "green"), ("light", "blue"), ("dark", "green"), ("dark", "blue")]
    for i in range(8):
        v = base[i]
        theme, bubble = styles[i % 4]
        lines = CHAT_LINES if i % 2 == 0 else CHAT_LINES_2
        day = int(v["signed_at"][8:10]) + 1
        msgs = [("time", f"11月{day:02d}日 20:{39 - i:02d}")] + list(lines[:4]) + [("time", f"11月{day + 1:02d}日 09:{12 + i:02d}")] + list(lines[4:])
        card = i in (0, 3, 5, 6)
        cv = dict(v, theme=theme, bubble=bubble, messages=msgs, card=card,
                  card_state="交易成功" if v["state"] == "done" else "卖家已发货")
        facts = dict(shop=v["shop"])
        if card:
            facts["order_number"] = v["order_number"]
        keys = [lines[0][1], lines[1][1]] + ([v["order_number"]] if card else [])
        add(f"chat-{theme}-{bubble}-{i // 4 + 1:02d}", "chat-record", chat_page(cv), facts, keys,
            theme=theme, bubble=bubble)

    # Listing: 4.
    for i in range(4):
        v = base[i + 4]
        lv = dict(v, price=f"{v['price']:.2f}".rstrip("0").rstrip("."), sales=["2000+", "1万+", "500+", "300+"][i])
        add(f"listing-{i + 1:02d}", "listing-screenshot", listing_page(lv), dict(shop=v["shop"]),
            ["加入购物车", "立即购买"])

    # Merchant licence: 3.
    regions = ["440300", "330106", "350500"]
    for i in range(3):
        v = base[i]
        code = credit_code(rng, regions[i])
        lv = dict(v, credit_code=code, legal=LEGAL_REPS[i], capital=f"{[100, 500, 50][i]}万元人民币",
                  founded=f"20{15 + i}年0{3 + i}月1{i}日", reg_address=f"{['深圳市', '杭州市', '泉州市'][i]}某某区某某街道{88 + i}号",
                  scope="电子产品、日用百货的销售；互联网销售（除销售需要许可的商品）")
        add(f"licence-{i + 1:02d}", "merchant-info", licence_page(lv),
            dict(merchant_name=v["merchant"], credit_code=code), ["营业执照", "统一社会信用代码", code])

    # Refund refused: 3 (no EvidenceRole fits a refund page: "other").
    for i in range(3):
        v = base[i + 1]
        rv = dict(v, reason=REFUND_REASONS[i], refund=v["amount"], applied_at=v["signed_at"][:11] + "21:05:33",
                  refund_number=digits(rng, 19), refusal="商品已使用，影响二次销售")
        add(f"refund-{i + 1:02d}", "other", refund_page(rv), dict(order_number=v["order_number"], shop=v["shop"]),
            ["退款详情", "商家拒绝退款", v["order_number"]])

    receipt = dict(base[0], receipt_number=digits(rng, 16))
    return out, receipt


# ---------------------------------------------------------------------------------------------
# Rendering.

def run(cmd):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit(f"failed: {' '.join(cmd)}\n{r.stderr.decode(errors='replace')}")


def chromium(args, url, tmp):
    run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--no-first-run", "--disable-extensions", "--font-render-hinting=none",
         f"--user-data-dir={tmp}/profile", *args, url])


# PNGs are written as 8-bit palette images (ImageMagick quantises to 256 colours without
# dithering): a UI screenshot has few colours besides anti-aliasing, the text survives, and
# each file is ~3-4x smaller than the RGB original.
# Titles shown only in the navigation bar (gone from the cropped variants).
NAV_TITLES = {"订单详情", "物流详情", "账单详情", "Order Details", "Logistics Details", "Bill Details"}

PNG_OUT = ["-strip", "-define", "png:exclude-chunks=date,time", "+dither", "-colors", "256",
           "-define", "png:compression-level=9"]


def main():
    for tool in ("chromium", "convert"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} not found: apt-get install chromium fonts-noto-cjk imagemagick")
    rng = random.Random(SEED)
    cases, receipt = build(rng)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        if f.endswith((".png", ".jpg", ".pdf")):
            os.remove(os.path.join(OUT, f))
    labels = []
    with tempfile.TemporaryDirectory() as tmp:
        for c in cases:
            src = os.path.join(tmp, c["name"] + ".html")
            with open(src, "w", encoding="utf-8") as f:
                f.write(c["html"])
            raw = os.path.join(tmp, c["name"] + ".raw.png")
            chromium(["--force-device-scale-factor=3", "--window-size=360,780", f"--screenshot={raw}"],
                     "file://" + src, tmp)
            png = c["name"] + ".png"
            run(["convert", raw, *PNG_OUT, os.path.join(OUT, png)])
            entry = dict(file=png, role=c["role"], facts=c["facts"], key_lines=c["key_lines"],
                         variant="original", lang=c.get("lang", "zh"))
            for k in ("theme", "bubble"):
                if k in c:
                    entry[k] = c[k]
            labels.append(entry)
            print("rendered", png, flush=True)
        # Re-saved as chat apps do: half size, JPEG quality 75 (every other fixture, and every
        # chat screenshot, so dark mode and coloured bubbles are covered).
        originals = list(labels)
        for n, e in enumerate(originals):
            if n % 2 == 0 or e["role"] == "chat-record":
                jpg = e["file"][:-4] + ".half.jpg"
                run(["convert", os.path.join(OUT, e["file"]), "-resize", "50%", "-strip", "-quality", "75",
                     "-sampling-factor", "4:2:0", os.path.join(OUT, jpg)])
                labels.append(dict(e, file=jpg, variant="half-jpeg"))
        # Cropped as shoppers crop: the status bar, the navigation bar (the page title; a chat's
        # title is the shop's name) and the bottom button bar cut off (every fourth fixture).
        for n, e in enumerate(originals):
            if n % 4 == 1:
                crop = e["file"][:-4] + ".crop.png"
                run(["convert", os.path.join(OUT, e["file"]), "-crop", "1080x1960+0+210", "+repage", *PNG_OUT,
                     os.path.join(OUT, crop)])
                facts = {k: x for k, x in e["facts"].items() if not (k == "shop" and e["role"] == "chat-record")}
                keys = [k for k in e["key_lines"] if k not in NAV_TITLES]
                labels.append(dict(e, file=crop, variant="crop", facts=facts, key_lines=keys))
        # PDFs: an e-receipt with a text layer, and the same receipt as an image only ("scan").
        src = os.path.join(tmp, "receipt.html")
        with open(src, "w", encoding="utf-8") as f:
            f.write(receipt_html(receipt))
        pdf = os.path.join(OUT, "receipt-text.pdf")
        chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}"], "file://" + src, tmp)
        shot = os.path.join(tmp, "receipt.png")
        chromium(["--force-device-scale-factor=2", "--window-size=794,900", f"--screenshot={shot}"], "file://" + src, tmp)
        gray = os.path.join(tmp, "receipt-gray.png")
        run(["convert", shot, "-colorspace", "Gray", "-rotate", "0.4", "-background", "white", "-flatten",
             "-attenuate", "0.3", "+noise", "Gaussian", "-strip", "-quality", "70", gray[:-4] + ".jpg"])
        scan_html = os.path.join(tmp, "scan.html")
        with open(scan_html, "w", encoding="utf-8") as f:
            f.write(f'<!DOCTYPE html><html><head><style>@page{{size:A4;margin:0}}body{{margin:0}}'
                    f'img{{width:100%}}</style></head><body><img src="file://{gray[:-4]}.jpg"></body></html>')
        chromium(["--no-pdf-header-footer", f"--print-to-pdf={os.path.join(OUT, 'receipt-scan.pdf')}"],
                 "file://" + scan_html, tmp)
        rfacts = dict(order_number=receipt["order_number"], trade_number=receipt["trade_number"],
                      amount_paid=receipt["amount"], paid_at=receipt["paid_at"], merchant_name=receipt["merchant"])
        for f, variant in (("receipt-text.pdf", "pdf-text"), ("receipt-scan.pdf", "pdf-scan")):
            labels.append(dict(file=f, role="payment-receipt", facts=rfacts,
                               key_lines=["支付宝电子回单", receipt["trade_number"], receipt["order_number"]],
                               variant=variant, lang="zh"))
    doc = dict(format_version=1,
               generator="Tests/Fixtures-src/screenshots/render.py",
               fact_formats=dict(order_number="digits as shown", amount_paid="yuan with two decimals, no sign",
                                 times="YYYY-MM-DD HH:MM:SS as shown (ordered_at, paid_at, shipped_at, signed_at)",
                                 tracking_number="as shown", credit_code="18 characters (GB 32100-2015, valid check character)"),
               fixtures=labels)
    with open(os.path.join(OUT, "labels.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, indent=1)
        f.write("\n")
    total = sum(os.path.getsize(os.path.join(OUT, f)) for f in os.listdir(OUT))
    print(f"{len(labels)} fixtures, {total / 1e6:.1f} MB in {OUT}")


if __name__ == "__main__":
    main()
